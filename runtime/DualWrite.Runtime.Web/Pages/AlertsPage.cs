using System.Globalization;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>The alert rules the host configured and the alerts they fired since it started.</summary>
internal static class AlertsPage
{
    public static IResult Render(PageContext page, IOptions<DualWriteOptions> options, AlertLog log) =>
        Layout.Page(page, "Alerts", html =>
        {
            html.Raw("<h2>Rules</h2><table data-testid=\"rules\">");
            html.Head("Map", "Error kind", "Count", "Within", "Then");
            foreach (var rule in options.Value.Runtime.Alerts)
            {
                html.Row([rule.Map ?? "every map", rule.Kind.ToString(), rule.Count.ToString(CultureInfo.InvariantCulture), rule.Window.ToString(), rule.Action.ToString()]);
            }

            html.Raw("</table><h2>Fired</h2><table data-testid=\"fired\">");
            html.Head("At", "Map", "Kind", "Failures", "Within", "Action", "Message");
            var state = options.Value.StatePath;
            foreach (var alert in log.Recent())
            {
                html.Row(
                [
                    alert.RaisedAt.ToString("u", CultureInfo.InvariantCulture), alert.Map, alert.Kind.ToString(), alert.Failures.ToString(CultureInfo.InvariantCulture),
                    alert.Window.ToString(), alert.Action.ToString(), state is null ? alert.Message : Postgres.StateLocation.HideSecrets(alert.Message, state),
                ]);
            }

            html.Raw("</table>");
        });
}
