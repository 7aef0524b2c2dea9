using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;

namespace DualWrite.Runtime.Web.Html;

/// <summary>
/// Writes a page's HTML: tags are written as literals by the page code, and every value that comes from data goes
/// through <c>Text</c> or an attribute, which encode it, so nothing a record holds can become markup.
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _html = new();

    public HtmlBuilder Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        _html.Append(HtmlEncoder.Default.Encode(text ?? string.Empty));
        return this;
    }

    public HtmlBuilder Text(long number) => Text(number.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>An element holding encoded text, with encoded attributes.</summary>
    public HtmlBuilder Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Raw("</" + tag + ">");
    }

    public HtmlBuilder Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes.Where(a => a.Value is not null))
        {
            _html.Append(' ').Append(name).Append("=\"").Append(HtmlEncoder.Default.Encode(value!)).Append('"');
        }

        _html.Append('>');
        return this;
    }

    public HtmlBuilder Link(string href, string text, string? testId = null) => Element("a", text, ("href", href), ("data-testid", testId));

    /// <summary>A table row of encoded cells.</summary>
    public HtmlBuilder Row(IEnumerable<string?> cells) => Raw("<tr>").Cells(cells).Raw("</tr>");

    /// <summary>Encoded cells, in a row the caller opened.</summary>
    public HtmlBuilder Cells(IEnumerable<string?> cells)
    {
        foreach (var cell in cells)
        {
            Element("td", cell);
        }

        return this;
    }

    public HtmlBuilder Head(params string[] cells)
    {
        Raw("<thead><tr>");
        foreach (var cell in cells)
        {
            Element("th", cell);
        }

        return Raw("</tr></thead>");
    }

    public override string ToString() => _html.ToString();
}
