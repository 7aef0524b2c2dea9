using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Web.Activity;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>Carries out a confirmed map action in the user's name (the activity log names them), then shows the map again (or the initial sync it started).</summary>
internal static class MapActions
{
    public static async Task<IResult> RunAsync(HttpContext http, DualWriteRuntime runtime, InitialSyncJobs initialSync, string name, string actionName, string basePath)
    {
        if (runtime.Maps.FirstOrDefault(m => m.Name == name) is not { } map || MapAction.Named(actionName) is not { } action)
        {
            return Results.NotFound();
        }

        var cancellationToken = http.RequestAborted;
        var user = http.User.Identity?.Name;
        if (!MapAction.AllowedIn(runtime.GetMapState(map.Name)).Contains(action))
        {
            return Results.Conflict($"The map is {runtime.GetMapState(map.Name)}; {action.Label.ToLowerInvariant()} is not allowed now.");
        }

        using var acting = ActivityRecorder.ActingAs(user);
        if (action == MapAction.Pause)
        {
            await runtime.PauseAsync(map.Name, cancellationToken).ConfigureAwait(false);
        }
        else if (action == MapAction.Resume)
        {
            await runtime.ResumeAsync(map.Name, cancellationToken).ConfigureAwait(false);
        }
        else if (action == MapAction.Stop)
        {
            await runtime.StopAsync(map.Name, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            if (!Enum.TryParse<Side>(form["master"].ToString(), out var master))
            {
                return Results.BadRequest("Name the master: Fo or Dataverse.");
            }

            return initialSync.Start(map.Name, master, user) is { } job
                ? Results.Redirect(basePath + "/initial-sync/jobs/" + job.Id)
                : Results.Conflict("An initial sync is running; start the next one when it has finished.");
        }

        return Results.Redirect(basePath + "/maps/" + Uri.EscapeDataString(map.Name));
    }
}
