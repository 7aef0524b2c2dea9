using System.Globalization;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.State.History;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>One record's history: every change of it the runtime dealt with, on both sides, in order, and what became of it.</summary>
internal static class HistoryPage
{
    public static IResult Render(PageContext page, DualWriteRuntime runtime, DualWriteEnvironments environments)
    {
        var map = page.Query("map");
        var key = page.Query("key");
        var events = map is null || key is null
            ? []
            : StatePages.Of(environments.State).GetRecordHistory(map, key, page.After, page.Options.PageSize);
        return Layout.Page(page, "Record history", html =>
        {
            html.Open("form", ("method", "get"), ("action", page.Url("/history")), ("class", "block"), ("data-testid", "history-search"));
            html.Raw("<label>Map <select name=\"map\" data-testid=\"history-map\">");
            foreach (var candidate in runtime.Maps)
            {
                html.Element("option", candidate.Name, ("value", candidate.Name), ("selected", candidate.Name == map ? "selected" : null));
            }

            html.Raw("</select></label> <label>Integration key ").Open("input", ("name", "key"), ("value", key), ("placeholder", "e.g. DEMF|US0021"), ("data-testid", "history-key")).Raw("</label> ");
            html.Element("button", "Show", ("type", "submit"), ("data-testid", "history-show")).Raw("</form>");
            if (map is null || key is null)
            {
                html.Element("p", "Name a map and a record's integration key (company|key for a company-striped map).");
                return;
            }

            html.Raw("<table data-testid=\"history\">");
            html.Head("#", "Side", "Change", "Source sequence", "Changed at", "What happened", "Recorded at", "Detail");
            foreach (var entry in events)
            {
                html.Row(
                [
                    entry.Id.ToString(CultureInfo.InvariantCulture),
                    entry.Side.ToString(),
                    entry.Operation.ToString(),
                    entry.Sequence.ToString(CultureInfo.InvariantCulture),
                    entry.ChangedAt.ToString("u", CultureInfo.InvariantCulture),
                    Describe(entry.Kind),
                    entry.RecordedAt.ToString("u", CultureInfo.InvariantCulture),
                    entry.Detail,
                ]);
            }

            html.Raw("</table>");
            Layout.NextPage(html, page, "/history", events.Count == 0 ? 0 : events[^1].Id, events.Count);
        });
    }

    private static string Describe(RecordEventKind kind) => kind switch
    {
        RecordEventKind.Staged => "staged (map paused)",
        RecordEventKind.Applied => "applied to the other side",
        RecordEventKind.Unchanged => "already on the other side",
        RecordEventKind.Skipped => "does not flow (filter or delete policy)",
        RecordEventKind.Superseded => "superseded by the other side's change",
        RecordEventKind.Retried => "applied on retry from the error list",
        RecordEventKind.RetriedFromSource => "source's current state applied on retry",
        RecordEventKind.Discarded => "discarded from the error list",
        _ => "refused (error list)",
    };
}
