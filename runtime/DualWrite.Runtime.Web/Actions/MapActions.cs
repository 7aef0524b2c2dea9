using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>Carries out a confirmed map action, then shows the map again.</summary>
internal static class MapActions
{
    public static async Task<IResult> RunAsync(HttpContext http, DualWriteRuntime runtime, InitialSyncJobs initialSync, string name, string actionName, string basePath)
    {
        if (runtime.Maps.FirstOrDefault(m => m.Name == name) is not { } map || MapAction.Named(actionName) is not { } action)
        {
            return Results.NotFound();
        }

        var cancellationToken = http.RequestAborted;
        if (!MapAction.AllowedIn(runtime.GetMapState(map.Name)).Contains(action))
        {
            return Results.Conflict($"The map is {runtime.GetMapState(map.Name)}; {action.Label.ToLowerInvariant()} is not allowed now.");
        }

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

            var result = await initialSync.RunAsync(map.Name, master, cancellationToken).ConfigureAwait(false);
            return Results.Redirect(basePath + "/initial-sync/" + Uri.EscapeDataString(result.RunId!));
        }

        return Results.Redirect(basePath + "/maps/" + Uri.EscapeDataString(map.Name));
    }
}
