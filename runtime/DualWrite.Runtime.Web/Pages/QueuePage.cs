using System;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>A map's staging queue (the changes a paused map keeps), a page at a time, searchable by integration key.</summary>
internal static class QueuePage
{
    public static IResult Render(PageContext page, DualWriteRuntime runtime, DualWriteEnvironments environments, string name)
    {
        if (runtime.Maps.FirstOrDefault(m => m.Name == name) is not { } map)
        {
            return Results.NotFound();
        }

        var key = page.Query("key");
        var rows = StatePages.Of(environments.State).GetStagedPage(map.Name, key, page.After, page.Options.PageSize);
        var path = "/maps/" + Uri.EscapeDataString(map.Name) + "/queue";
        return Layout.Page(page, "Staged changes of " + map.Name, html =>
        {
            html.Raw("<p>").Element("span", runtime.GetStagedCount(map.Name).ToString("N0", CultureInfo.InvariantCulture), ("data-testid", "staged-total"))
                .Raw(" changes wait in the staging queue; they are replayed in order when the map resumes.</p>");
            html.Open("form", ("method", "get"), ("action", page.Url(path)), ("class", "block"), ("data-testid", "search"));
            html.Raw("<label>Integration key ").Open("input", ("name", "key"), ("value", key), ("placeholder", "e.g. DEMF|US0021"), ("data-testid", "key")).Raw("</label> ");
            html.Element("button", "Search", ("type", "submit"), ("data-testid", "search-button")).Raw("</form>");
            html.Raw("<table data-testid=\"staged\">");
            html.Head("#", "Record", "Side", "Operation", "Source sequence", "Changed at", "Both sides changed");
            foreach (var staged in rows)
            {
                html.Open("tr", ("data-staged", staged.Id.ToString(CultureInfo.InvariantCulture)));
                html.Cells(
                [
                    staged.Id.ToString(CultureInfo.InvariantCulture),
                    staged.RecordKey,
                    staged.Change.Side.ToString(),
                    staged.Change.Operation.ToString(),
                    staged.Change.Sequence.ToString(CultureInfo.InvariantCulture),
                    staged.Change.ChangedAt.ToString("u", CultureInfo.InvariantCulture),
                    staged.OtherSideStaged ? "yes" : string.Empty,
                ]);
                html.Raw("</tr>");
            }

            html.Raw("</table>");
            Layout.NextPage(html, page, path, rows.Count == 0 ? 0 : rows[^1].Id, rows.Count);
        });
    }
}
