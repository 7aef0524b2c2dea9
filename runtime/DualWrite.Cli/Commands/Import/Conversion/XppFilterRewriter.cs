using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using DualWrite.Generator.Filters.Xpp;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>
/// Turns a dual-write source filter into one the compiler accepts. Dual-write also takes the filter pane's value
/// ranges inside a comparison (<c>(Group == A*)</c>, <c>(Amount == 1..10)</c>, <c>(Group == a, b)</c>,
/// <c>(Group == !A)</c>); each becomes the expression DW0004 suggests for it, and a lone <c>=</c> becomes
/// <c>==</c> (DW0024). A filter that is a value range as a whole names no field and is not rewritten.
/// </summary>
public static partial class XppFilterRewriter
{
    /// <summary>The filter to write, or null when it cannot be imported; <paramref name="notes"/> says what changed and why.</summary>
    public static string? Rewrite(string filter, List<string> notes)
    {
        var text = filter.Trim();
        if (!text.StartsWith('(') && !text.StartsWith("!(", StringComparison.Ordinal))
        {
            notes.Add($"'{text}' is a value range with no field to test; write it as an expression such as {XppValueRange.ToExpression(text, "Field")}");
            return null;
        }

        return Comparison().Replace(text, match => RewriteComparison(match, notes));
    }

    private static string RewriteComparison(Match match, List<string> notes)
    {
        var field = match.Groups["field"].Value;
        var op = match.Groups["op"].Value;
        var value = match.Groups["value"].Value.Trim();
        if (IsLiteral(value))
        {
            if (op != "=")
            {
                return match.Value;
            }

            notes.Add($"'{match.Value}' uses a lone '=', read as '=='");
            return "(" + field + " == " + value + ")";
        }

        var expression = XppValueRange.ToExpression(value, field);
        var rewritten = op == "!=" ? "(!" + expression + ")" : expression;
        notes.Add($"value range '{match.Value}' is written {rewritten}");
        return rewritten;
    }

    /// <summary>A value the query-range grammar takes as it is: a quoted string, a number, a date, an enum value, a boolean.</summary>
    private static bool IsLiteral(string value) => LiteralPattern().IsMatch(value);

    [GeneratedRegex(@"\(\s*(?<field>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>==|!=|=)\s*(?<value>[^()]*?)\s*\)")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^(""[^""]*""|'[^']*'|-?[0-9]+(\.[0-9]+)?|[0-9]{1,2}\\[0-9]{1,2}\\[0-9]{4}|[A-Za-z_][A-Za-z0-9_]*::[A-Za-z_][A-Za-z0-9_]*|true|false)$", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralPattern();
}
