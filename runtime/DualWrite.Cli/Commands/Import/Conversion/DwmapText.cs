using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>Spelling names and values as .dwmap source (DSL.md §2).</summary>
public static partial class DwmapText
{
    public static bool IsIdentifier(string? text) => text is not null && IdentifierPattern().IsMatch(text);

    /// <summary>A dotted Dataverse path, or a polymorphic lookup <c>x.Table(key).Table(key)</c>.</summary>
    public static bool IsDataversePath(string? text) => text is not null && PathPattern().IsMatch(text);

    /// <summary>A name made of the identifier characters of <paramref name="text"/>, e.g. a map name from a task's display name.</summary>
    public static string ToIdentifier(string text)
    {
        if (IsIdentifier(text))
        {
            return text;
        }

        var builder = new StringBuilder();
        var upperNext = true;
        foreach (var c in text)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Map");
        }

        return builder.ToString();
    }

    /// <summary>
    /// A value from dual-write's JSON, where every value is a string, spelled as the literal it looks like: <c>true</c>
    /// and <c>false</c> in any case, integers and decimals as numbers, anything else as a string. The schema's type
    /// decides in the end: the compiler reports a literal of the wrong type (DW0013, DW0015).
    /// </summary>
    public static string Literal(string value)
    {
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return value.ToLowerInvariant();
        }

        if (NumberPattern().IsMatch(value) && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// A filter as a backtick-quoted raw string, on one line (whitespace means nothing in either filter language);
    /// null when the text holds a backtick, which a raw string cannot.
    /// </summary>
    public static string? RawFilter(string filter) =>
        filter.Contains('`', StringComparison.Ordinal) ? null : "`" + filter.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ') + "`";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\.[A-Za-z_][A-Za-z0-9_]*\([A-Za-z_][A-Za-z0-9_]*\))*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^-?[0-9]{1,18}(\.[0-9]+)?$")]
    private static partial Regex NumberPattern();
}
