using System.Collections.Generic;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>Row values for the services' direct writes (a user's edit in the environment).</summary>
internal static class Rows
{
    public static Dictionary<string, object?> Of(params (string Name, object? Value)[] values)
    {
        var row = new Dictionary<string, object?>();
        foreach (var (name, value) in values)
        {
            row[name] = value;
        }

        return row;
    }
}
