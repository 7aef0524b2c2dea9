using System;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.Web.Actions;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Pages;

/// <summary>Initial-sync runs: the list, and per run its steps with their counts, its failed rows per legal entity and a page at a time, and re-run.</summary>
internal static class InitialSyncPage
{
    public static IResult RenderRuns(PageContext page, InitialSyncJobs jobs) =>
        Layout.Page(page, "Initial sync", html =>
        {
            html.Element("p", "A map runs its initial sync from its own page (stop it first). Runs, newest first:");
            html.Raw("<table data-testid=\"runs\">");
            html.Head("Run", "Master", "Maps", "Status", "Started", "Finished");
            foreach (var run in jobs.Runner.GetRuns())
            {
                html.Raw("<tr><td>").Link(page.Url("/initial-sync/" + Uri.EscapeDataString(run.Id)), run.Id, "run-link").Raw("</td>");
                html.Element("td", run.Master.ToString())
                    .Element("td", string.Join(", ", run.Steps.Where(s => !s.Skipped).Select(s => s.Map).Distinct()))
                    .Element("td", run.Status.ToString(), ("data-testid", "run-status"))
                    .Element("td", run.StartedAt.ToString("u", CultureInfo.InvariantCulture))
                    .Element("td", run.FinishedAt?.ToString("u", CultureInfo.InvariantCulture)).Raw("</tr>");
            }

            html.Raw("</table>");
        });

    public static IResult RenderRun(PageContext page, DualWriteEnvironments environments, InitialSyncJobs jobs, string runId)
    {
        var store = jobs.Store;
        if (store.GetRun(runId) is not { } run)
        {
            return Results.NotFound();
        }

        var pages = StatePages.Of(environments.State);
        var (map, company) = (page.Query("map"), page.Query("company"));
        var errors = pages.GetInitialSyncErrorPage(run.Id, map, company, page.After, page.Options.PageSize);
        var checkpoints = run.Steps.Where(s => !s.Skipped).Select(s => (Step: s, Checkpoint: store.GetCheckpoint(run.Id, s.Map, s.Pass))).ToList();
        var companies = environments.State.GetLink()?.Companies ?? [];
        var path = "/initial-sync/" + Uri.EscapeDataString(run.Id);
        var job = jobs.Running(run.Id);
        return Layout.Page(page, "Initial sync run " + run.Id, job is null ? null : 1, html =>
        {
            html.Raw("<p>Status: ").Element("strong", run.Status.ToString(), ("data-testid", "run-status")).Raw(", master ").Text(run.Master.ToString()).Raw("</p>");
            if (job is not null)
            {
                html.Element("p", Progress(job), ("class", "notice"), ("data-testid", "run-progress"));
            }
            else if (run.Status == InitialSyncRunStatus.Running)
            {
                html.Element("p", "The run is not under way in this host: it stopped before the end (the host stopped, or it failed). A re-run continues it from its last checkpoint.", ("class", "notice"));
            }
            html.Raw("<table data-testid=\"steps\">");
            html.Head("Map", "Pass", "Status", "F&O read", "Dataverse read", "Inserted", "Updated", "Unchanged", "Skipped", "Failed");
            foreach (var (step, checkpoint) in checkpoints)
            {
                var counts = checkpoint?.Counts ?? new InitialSyncCounts();
                html.Row(
                [
                    step.Map, step.Pass.ToString(), checkpoint?.Status.ToString() ?? "not started",
                    N(counts.FoRead), N(counts.DataverseRead), N(counts.Inserted), N(counts.Updated), N(counts.Unchanged), N(counts.Skipped), N(counts.Failed),
                ]);
            }

            html.Raw("</table>");
            if (page.CanAct && job is null)
            {
                page.Button(html, path + "/rerun", "Re-run", "rerun");
                page.Button(html, path + "/rerun", "Re-run without errors", "rerun-skip", ("skip", "true"));
            }

            InitialSyncCompanyTable.Render(html, page, pages, run, checkpoints.Select(c => c.Checkpoint), companies, path);
            html.Raw("<h2 id=\"failed-rows\">Failed rows</h2>");
            if (map is not null || company is not null)
            {
                html.Raw("<p data-testid=\"errors-filter\">").Text($"Of map {map ?? "(any)"}, legal entity {company ?? "(any)"}. ").Link(page.Url(path) + "#failed-rows", "Show every failed row").Raw("</p>");
            }

            html.Raw("<table data-testid=\"run-errors\">");
            html.Head("#", "Map", "Record", "From", "Reason", "Failed at", "Skipped");
            foreach (var error in errors)
            {
                html.Row([error.Id.ToString(CultureInfo.InvariantCulture), error.Map, error.RecordKey, error.SourceSide.ToString(), error.Reason, error.FailedAt.ToString("u", CultureInfo.InvariantCulture), error.Skipped ? "yes" : string.Empty]);
            }

            html.Raw("</table>");
            Layout.NextPage(html, page, path, errors.Count == 0 ? 0 : errors[^1].Id, errors.Count);
        });
    }

    /// <summary>
    /// A job started from the page: while the run's id is unknown (before its first batch) this page follows it,
    /// reloading itself; then it sends the browser to the run's page, which does the same while the run goes.
    /// </summary>
    public static IResult RenderJob(PageContext page, InitialSyncJobs jobs, string jobId)
    {
        if (jobs.Find(jobId) is not { } job)
        {
            return Results.NotFound();
        }

        if (job.RunId is { } runId)
        {
            return Results.Redirect(page.Url("/initial-sync/" + Uri.EscapeDataString(runId)));
        }

        return Layout.Page(page, "Initial sync", job.Running ? 1 : null, html =>
        {
            html.Element("p", "The " + job.Description + (job.Running ? " is starting." : " ended."));
            html.Element("p", job.Outcome ?? Progress(job), ("class", "notice"), ("data-testid", "job-status"));
        });
    }

    private static string Progress(InitialSyncJob job) => job.Progress is { } progress
        ? $"Running: step {progress.Step} of {progress.StepCount} ({progress.Map}), {N(progress.RowsRead)} of about {N(progress.RowsTotal)} rows read, {progress.Counts}."
        : "Running: reading both sides.";

    internal static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
