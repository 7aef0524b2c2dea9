using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.State.Activity;
using DualWrite.Runtime.Web.Activity;
using DualWrite.Runtime.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>Retries, retries from the current source state or discards one error, a selection, or every error a filter selects.</summary>
internal static class ErrorActions
{
    public static async Task<IResult> RunAsync(HttpContext http, DualWriteRuntime runtime, DualWriteEnvironments environments, ActivityRecorder activity, string basePath)
    {
        var cancellationToken = http.RequestAborted;
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var action = form["do"].ToString();
        var filter = ErrorQuery.From(form);
        var all = action.EndsWith("-all", StringComparison.Ordinal);
        var ids = all
            ? []
            : form["id"].Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new BadHttpRequestException("An error id is not a number.")).ToList();

        // Read before acting: the entries leave the error list as they are retried or discarded.
        var maps = all
            ? runtime.GetErrors(filter).Select(e => e.Map).ToList()
            : ids.Select(id => environments.State.GetPendingChange(id)?.Map).OfType<string>().ToList();
        if (all)
        {
            _ = action switch
            {
                "retry-all" => await runtime.RetryAsync(filter, cancellationToken).ConfigureAwait(false),
                "source-all" => await runtime.RetryFromSourceAsync(filter, cancellationToken).ConfigureAwait(false),
                "discard-all" => await runtime.DiscardAsync(filter, cancellationToken).ConfigureAwait(false),
                _ => throw new BadHttpRequestException($"Unknown action '{action}'."),
            };
        }
        else
        {
            foreach (var id in ids)
            {
                _ = action switch
                {
                    "retry" => await runtime.RetryAsync(id, cancellationToken).ConfigureAwait(false),
                    "source" => await runtime.RetryFromSourceAsync(id, cancellationToken).ConfigureAwait(false),
                    "discard" => await runtime.DiscardAsync(id, cancellationToken).ConfigureAwait(false),
                    _ => throw new BadHttpRequestException($"Unknown action '{action}'."),
                };
            }
        }

        var kind = action.StartsWith("discard", StringComparison.Ordinal) ? ActivityKind.ErrorsDiscarded : ActivityKind.ErrorsRetried;
        var how = action.StartsWith("source", StringComparison.Ordinal) ? " from the current source" : string.Empty;
        foreach (var group in maps.GroupBy(map => map))
        {
            activity.Record(group.Key, kind, http.User.Identity?.Name, $"{group.Count()} error-list entries{how}, from the operations page");
        }

        var query = QueryString.Create(new (string Name, string? Value)[] { ("map", filter.Map), ("kind", filter.Kind?.ToString()), ("key", filter.RecordKey) }
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
        return Results.Redirect(basePath + "/errors" + query.ToUriComponent());
    }
}
