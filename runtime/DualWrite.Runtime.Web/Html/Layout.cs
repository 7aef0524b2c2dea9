using System;
using System.Linq;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Html;

/// <summary>The frame every page shares: title, navigation, the embedded style sheet and script.</summary>
internal static class Layout
{
    public static IResult Page(PageContext page, string title, Action<HtmlBuilder> body) => Page(page, title, refreshSeconds: null, body);

    /// <summary>A page that, with <paramref name="refreshSeconds"/>, reloads itself that often (progress shown live, also with scripts off).</summary>
    public static IResult Page(PageContext page, string title, int? refreshSeconds, Action<HtmlBuilder> body)
    {
        var html = new HtmlBuilder();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds is { } seconds)
        {
            html.Open("meta", ("http-equiv", "refresh"), ("content", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        html.Element("title", title + " · Dual-write");
        html.Open("link", ("rel", "stylesheet"), ("href", page.Url("/assets/dualwrite.css")));
        html.Open("script", ("src", page.Url("/assets/dualwrite.js")), ("defer", "defer")).Raw("</script>");
        html.Raw("</head><body><header><nav>");
        html.Element("strong", "Dual-write");
        html.Link(page.Url("/"), "Overview", "nav-overview");
        html.Link(page.Url("/errors"), "Errors", "nav-errors");
        html.Link(page.Url("/history"), "Record history", "nav-history");
        html.Link(page.Url("/initial-sync"), "Initial sync", "nav-initial-sync");
        html.Link(page.Url("/alerts"), "Alerts", "nav-alerts");
        html.Element("span", page.Http.User.Identity?.Name, ("class", "user"));
        html.Raw("</nav></header><main>");
        html.Element("h1", title);
        body(html);
        html.Raw("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>A "next page" link that carries the list's filters and the last id shown, as <paramref name="parameter"/> (<c>before</c> for a list newest first).</summary>
    public static void NextPage(HtmlBuilder html, PageContext page, string path, long lastId, int shown, string parameter = "after")
    {
        if (shown < page.Options.PageSize)
        {
            return;
        }

        var query = QueryString.Create(page.Http.Request.Query.Where(q => q.Key != parameter)).Add(parameter, lastId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        html.Raw("<p class=\"pager\">").Link(page.Url(path) + query.ToUriComponent(), "Next page", "next-page").Raw("</p>");
    }
}
