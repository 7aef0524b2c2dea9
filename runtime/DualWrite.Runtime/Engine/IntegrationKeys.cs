using System.Collections.Generic;

namespace DualWrite.Runtime.Engine;

/// <summary>Turns an integration key into the values of a map's key paths.</summary>
internal static class IntegrationKeys
{
    /// <summary>The key's values in key-path order: the company first for a striped map.</summary>
    public static IReadOnlyList<object?> Values(IDualWriteMap map, IntegrationKey key)
    {
        var values = new List<object?>(key.Values.Count + 1);
        if (map.Company == CompanyScope.Striped)
        {
            values.Add(key.Company);
        }

        foreach (var value in key.Values)
        {
            values.Add(value);
        }

        return values;
    }
}
