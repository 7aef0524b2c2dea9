using System;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State.Activity;
using DualWrite.Runtime.Web.Activity;
using DualWrite.Runtime.Web.Html;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>A map's activity log, newest first, a page at a time: state changes with who and why, alerts, initial-sync runs, error-list actions.</summary>
internal static class ActivityPage
{
    public static IResult Render(PageContext page, DualWriteRuntime runtime, ActivityRecorder activity, string name)
    {
        if (runtime.Maps.FirstOrDefault(m => m.Name == name) is not { } map)
        {
            return Results.NotFound();
        }

        var entries = activity.Log.GetActivityPage(map.Name, page.Before, page.Options.PageSize);
        var path = "/maps/" + Uri.EscapeDataString(map.Name) + "/activity";
        return Layout.Page(page, "Activity of " + map.Name, html =>
        {
            html.Raw("<p>").Link(page.Url("/maps/" + Uri.EscapeDataString(map.Name)), "Back to the map", "map-link").Raw("</p>");
            html.Raw("<table data-testid=\"activity\">");
            html.Head("At", "What", "Who", "Detail");
            foreach (var entry in entries)
            {
                html.Open("tr", ("data-activity", entry.Id.ToString(CultureInfo.InvariantCulture)));
                html.Cells([entry.At.ToString("u", CultureInfo.InvariantCulture), Describe(entry.Kind), entry.Actor ?? "unknown", entry.Text]);
                html.Raw("</tr>");
            }

            html.Raw("</table>");
            Layout.NextPage(html, page, path, entries.Count == 0 ? 0 : entries[^1].Id, entries.Count, "before");
        });
    }

    private static string Describe(ActivityKind kind) => kind switch
    {
        ActivityKind.Paused => "paused",
        ActivityKind.Resumed => "resumed",
        ActivityKind.Stopped => "stopped",
        ActivityKind.Relinked => "relinked",
        ActivityKind.AlertFired => "alert fired",
        ActivityKind.InitialSyncStarted => "initial sync started",
        ActivityKind.InitialSyncFinished => "initial sync finished",
        ActivityKind.PassFailed => "pass failed",
        ActivityKind.ErrorsRetried => "errors retried",
        _ => "errors discarded",
    };
}
