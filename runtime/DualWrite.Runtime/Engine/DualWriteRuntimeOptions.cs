using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Retries;

namespace DualWrite.Runtime.Engine;

/// <summary>How the runtime stages, replays, retries, alerts and keeps its error list.</summary>
public sealed class DualWriteRuntimeOptions
{
    /// <summary>How many change-log positions a paused map stages per state-store transaction; bounds the memory staging uses.</summary>
    public int StagingChunkSize { get; set; } = 10_000;

    /// <summary>How many staged changes a replaying map applies per transaction.</summary>
    public int ReplayChunkSize { get; set; } = 5_000;

    /// <summary>
    /// How many changes a map's live step reads from its source side at most when only that side has changes (the common
    /// case, and the one of a backlog): the step commits there, its cursor stays at the last change it dealt with, and the
    /// next pass (at once, in <see cref="DualWriteRuntime.RunAsync"/>) goes on from it. It bounds what a step holds until
    /// it commits (over HTTP, every change's located row and write), so a long backlog syncs in flat memory. A step with
    /// changes on both sides reads its whole window, since conflicts are judged between both. 5,000 by default: five
    /// pages of the change log, a few seconds of work, and a handful more polls per 100,000 changes (docs/runtime.md).
    /// </summary>
    public int MaxChangesPerPass { get; set; } = 5_000;

    /// <summary>How transient failures (an environment unreachable, locked, timed out) are retried before they count.</summary>
    public RetryPolicy Retry { get; set; } = new();

    /// <summary>Rules that notify, pause or stop a map when failures pile up.</summary>
    public IList<AlertRule> Alerts { get; } = new List<AlertRule>();

    /// <summary>
    /// How long an error-list entry is kept after its last failure; older entries are discarded (as
    /// <see cref="DualWriteRuntime.DiscardAsync(long, System.Threading.CancellationToken)"/> does) at the start of a pass. Null, the default, keeps every entry.
    /// </summary>
    public TimeSpan? ErrorRetention { get; set; }

    /// <summary>
    /// How long the records' histories (what became of each change: staged, applied, refused…) are kept; older entries are
    /// removed when the first pass starts and, while <see cref="RecordHistory"/> is on, at most once a minute after that.
    /// Seven days by default.
    /// </summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether to keep each record's history (what became of every change: staged, applied, refused…), which the
    /// operations page shows and turns on. Off by default: it stores one more row per change, which costs the embedded
    /// engine about half again its time per change (docs/performance.md).
    /// </summary>
    public bool RecordHistory { get; set; }

    /// <summary>What is wrong with the options, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (StagingChunkSize < 1 || ReplayChunkSize < 1)
        {
            problems.Add($"Chunk sizes must be at least 1; got staging {StagingChunkSize}, replay {ReplayChunkSize}.");
        }

        if (MaxChangesPerPass < 1)
        {
            problems.Add($"The changes per pass must be at least 1; got {MaxChangesPerPass}.");
        }

        if (ErrorRetention is { } retention && retention <= TimeSpan.Zero)
        {
            problems.Add($"The error retention must be positive; got {retention}.");
        }

        if (HistoryRetention <= TimeSpan.Zero)
        {
            problems.Add($"The history retention must be positive; got {HistoryRetention}.");
        }

        if (Retry.Problem() is { } retry)
        {
            problems.Add(retry);
        }

        problems.AddRange(Alerts.Select(rule => rule.Problem()).OfType<string>());
        return problems;
    }

    internal void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }
}
