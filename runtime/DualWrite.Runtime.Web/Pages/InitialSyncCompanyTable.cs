using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using DualWrite.Runtime.Web.Html;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>
/// A run's rows per map and legal entity, from its steps' checkpoints (the passes of a lookup cycle added up): read,
/// written and failed as the run counted them, the failed figure leading to those rows, and how many of them still wait
/// in the error list (a re-run removes the rows it wrote).
/// </summary>
internal static class InitialSyncCompanyTable
{
    public static void Render(HtmlBuilder html, PageContext page, IStatePages pages, InitialSyncRun run, IEnumerable<InitialSyncCheckpoint?> checkpoints, IReadOnlyList<string> companies, string path)
    {
        var waiting = pages.CountInitialSyncErrors(run.Id, companies);
        html.Raw("<h2>Rows per legal entity</h2><table data-testid=\"run-companies\">");
        html.Head("Map", "Legal entity", "Read", "Written", "Failed", "In the error list");
        foreach (var (map, counts) in CountsPerMap(checkpoints))
        {
            foreach (var (company, figures) in counts.Companies.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var stillFailed = waiting.Where(w => w.Map == map && string.Equals(w.Company, company, StringComparison.OrdinalIgnoreCase)).Sum(w => w.Failed);

                // Rows of a map not striped by company carry no company in their key: its map alone selects them.
                var filter = company.Length == 0 ? $"?map={Uri.EscapeDataString(map)}" : $"?map={Uri.EscapeDataString(map)}&company={Uri.EscapeDataString(company)}";
                html.Open("tr", ("data-map", map), ("data-company", company));
                html.Cells([map, company.Length == 0 ? "(not by company)" : company, InitialSyncPage.N(figures.Read), InitialSyncPage.N(figures.Written)]);
                if (figures.Failed == 0)
                {
                    html.Cells(["0"]);
                }
                else
                {
                    html.Raw("<td>").Link(page.Url(path) + filter + "#failed-rows", InitialSyncPage.N(figures.Failed), "failed-link").Raw("</td>");
                }

                html.Cells([InitialSyncPage.N(stillFailed)]);
                html.Raw("</tr>");
            }
        }

        html.Raw("</table>");
    }

    private static Dictionary<string, InitialSyncCounts> CountsPerMap(IEnumerable<InitialSyncCheckpoint?> checkpoints)
    {
        var perMap = new Dictionary<string, InitialSyncCounts>(StringComparer.Ordinal);
        foreach (var checkpoint in checkpoints.OfType<InitialSyncCheckpoint>())
        {
            if (!perMap.TryGetValue(checkpoint.Map, out var counts))
            {
                perMap.Add(checkpoint.Map, counts = new InitialSyncCounts());
            }

            counts.Add(checkpoint.Counts);
        }

        return perMap;
    }
}
