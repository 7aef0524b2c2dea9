using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>The overview: the link and every map with its state, staged and error counts, lag (changes behind, age of the oldest) and throughput, kept live by server-sent events.</summary>
internal static class OverviewPage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> RenderAsync(PageContext page, DualWriteRuntime runtime, OverviewFigures figures, IOptions<DualWriteOptions> options, CancellationToken cancellationToken)
    {
        var maps = await figures.ReadAsync(cancellationToken).ConfigureAwait(false);
        var link = runtime.CurrentLink;
        return Layout.Page(page, "Overview", html =>
        {
            html.Raw("<section><h2>Link</h2>");
            if (link is null)
            {
                html.Element("p", "The environments are not linked.", ("class", "notice"));
            }
            else
            {
                html.Raw("<table data-testid=\"link\">");
                html.Row(["F&O environment", link.FoEnvironmentId]);
                html.Row(["Dataverse environment", link.DataverseEnvironmentId]);
                html.Row(["Legal entities", string.Join(", ", link.Companies)]);
                html.Row(["Linked at", link.LinkedAt.ToString("u", CultureInfo.InvariantCulture)]);
                html.Row(["State store", options.Value.StatePath is { } state ? StateLocation.Redact(state) : "supplied by the host"]);
                html.Raw("</table>");
            }

            html.Raw("</section><section><h2>Maps</h2>");
            html.Open("table", ("data-live", page.Url("/events")), ("data-testid", "maps"));
            html.Head("Map", "State", "Staged", "Errors", "Behind", "Oldest waiting", "Written (last 5 min)");
            html.Raw("<tbody>");
            foreach (var map in maps)
            {
                html.Open("tr", ("data-map", map.Map));
                html.Raw("<td>").Link(page.Url("/maps/" + Uri.EscapeDataString(map.Map)), map.Map, "map-link").Raw("</td>");
                html.Element("td", map.State, ("data-figure", "state"), ("class", "state-" + map.State));
                Figure(html, "staged", map.Staged);
                Figure(html, "errors", map.Errors);
                Figure(html, "behind", map.Behind);
                html.Element("td", map.Age, ("data-figure", "age"), ("class", "number"));
                html.Raw("<td><svg class=\"plot\" viewBox=\"0 0 120 24\" role=\"img\" aria-label=\"changes written per 10 seconds\"><polyline points=\"\"></polyline></svg></td></tr>");
            }

            html.Raw("</tbody></table></section>");
        });
    }

    /// <summary>Sends every map's figures at the configured interval until the browser goes away.</summary>
    public static async Task StreamAsync(HttpContext http, OverviewFigures figures, DualWritePageOptions options)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        var cancellationToken = http.RequestAborted;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                IReadOnlyList<MapFigures> maps = await figures.ReadAsync(cancellationToken).ConfigureAwait(false);
                await http.Response.WriteAsync("event: figures\ndata: " + JsonSerializer.Serialize(maps, Json) + "\n\n", cancellationToken).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.LiveInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left the page.
        }
    }

    private static void Figure(HtmlBuilder html, string name, long value) =>
        html.Element("td", value.ToString("N0", CultureInfo.InvariantCulture), ("data-figure", name), ("class", "number"));
}
