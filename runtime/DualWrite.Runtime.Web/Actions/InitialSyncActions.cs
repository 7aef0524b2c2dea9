using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>Re-runs an initial-sync run, with or without its failed rows, then shows it again.</summary>
internal static class InitialSyncActions
{
    public static async Task<IResult> RerunAsync(HttpContext http, InitialSyncJobs jobs, string runId, string basePath)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (jobs.Store.GetRun(runId) is null)
        {
            return Results.NotFound();
        }

        await jobs.RerunAsync(runId, skipErrors: form["skip"] == "true", http.RequestAborted).ConfigureAwait(false);
        return Results.Redirect(basePath + "/initial-sync/" + Uri.EscapeDataString(runId));
    }
}
