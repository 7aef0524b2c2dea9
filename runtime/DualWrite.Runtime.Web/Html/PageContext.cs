using System;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Html;

/// <summary>What every page needs of its request: the page's base path, the antiforgery token for its forms, and links.</summary>
internal sealed class PageContext
{
    private readonly AntiforgeryTokenSet _tokens;

    public PageContext(HttpContext http, IAntiforgery antiforgery, DualWritePageOptions options)
    {
        Http = http;
        Options = options;
        BasePath = http.Request.PathBase + (http.GetEndpoint()?.Metadata.GetMetadata<PageRoot>()?.Prefix ?? string.Empty);
        _tokens = antiforgery.GetAndStoreTokens(http);
    }

    public HttpContext Http { get; }

    public DualWritePageOptions Options { get; }

    public string BasePath { get; }

    public bool CanAct => Http.Items.TryGetValue(PageRoot.CanActKey, out var value) && value is true;

    public string Url(string relative) => BasePath + relative;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    public long After => Id("after");

    /// <summary>The last id shown of a list read newest first; 0 for its first page.</summary>
    public long Before => Id("before");

    private long Id(string name) => long.TryParse(Query(name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>Opens a POST form with the antiforgery field; the caller writes the fields and closes it.</summary>
    public void OpenForm(HtmlBuilder html, string action, string? testId = null)
    {
        html.Open("form", ("method", "post"), ("action", Url(action)), ("data-testid", testId));
        html.Open("input", ("type", "hidden"), ("name", _tokens.FormFieldName), ("value", _tokens.RequestToken ?? throw new InvalidOperationException("The antiforgery service gave no request token.")));
    }

    /// <summary>A form of one button that posts to <paramref name="action"/>.</summary>
    public void Button(HtmlBuilder html, string action, string label, string testId, params (string Name, string Value)[] fields)
    {
        OpenForm(html, action);
        foreach (var (name, value) in fields)
        {
            html.Open("input", ("type", "hidden"), ("name", name), ("value", value));
        }

        html.Element("button", label, ("type", "submit"), ("data-testid", testId));
        html.Raw("</form>");
    }
}
