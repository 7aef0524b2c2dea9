using System.Collections.Generic;
using System.Text;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>A span a test expects a diagnostic on.</summary>
public sealed record ExpectedSpan(string Id, int Start, int Length);

/// <summary>
/// Test input with expected diagnostics written inline, as Roslyn's testing library does:
/// <c>{|DW0002:CustomersV9|}</c> expects DW0002 exactly on <c>CustomersV9</c>.
/// </summary>
public static class Markup
{
    public static (string Text, IReadOnlyList<ExpectedSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                spans.Add(new ExpectedSpan(id, start, text.Length - start));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        return (text.ToString(), spans);
    }
}
