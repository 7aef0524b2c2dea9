using System.Collections.Generic;
using System.Globalization;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>A statement being built: its text and the values of its parameters <c>$p0</c>, <c>$p1</c>... in order.</summary>
internal sealed class Statement
{
    public string CommandText { get; set; } = string.Empty;

    public List<object?> Values { get; } = new();

    /// <summary>Adds a value and returns the name of its parameter, for the text being built.</summary>
    public string Parameter(object? value)
    {
        Values.Add(value);
        return "$p" + (Values.Count - 1).ToString(CultureInfo.InvariantCulture);
    }
}
