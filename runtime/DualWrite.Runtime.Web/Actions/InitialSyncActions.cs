using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>Starts a re-run of an initial-sync run, with or without its failed rows, and shows the run while it goes.</summary>
internal static class InitialSyncActions
{
    public static async Task<IResult> RerunAsync(HttpContext http, InitialSyncJobs jobs, string runId, string basePath)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (jobs.Store.GetRun(runId) is not { } run)
        {
            return Results.NotFound();
        }

        return jobs.Rerun(run, skipErrors: form["skip"] == "true", http.User.Identity?.Name) is null
            ? Results.Conflict("An initial sync is running; re-run when it has finished.")
            : Results.Redirect(basePath + "/initial-sync/" + Uri.EscapeDataString(run.Id));
    }
}
