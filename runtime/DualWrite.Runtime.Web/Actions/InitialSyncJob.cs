using System;
using DualWrite.Runtime.InitialSync;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>An initial-sync run the page started in the background: what it runs, how far it got, how it ended.</summary>
internal sealed class InitialSyncJob
{
    private volatile string? _runId;
    private volatile InitialSyncProgress? _progress;
    private volatile string? _outcome;

    public InitialSyncJob(string description, string? runId)
    {
        Id = Guid.NewGuid().ToString("N");
        Description = description;
        _runId = runId;
    }

    /// <summary>The job's own id, for its page until the run's id is known.</summary>
    public string Id { get; }

    /// <summary>What it runs, in words.</summary>
    public string Description { get; }

    /// <summary>The run's id once the run reported it (its first batch, or its end); known from the start for a re-run.</summary>
    public string? RunId => _runId;

    /// <summary>The run's last progress report, or null before its first batch.</summary>
    public InitialSyncProgress? Progress => _progress;

    /// <summary>Null while the job runs; then how it ended (completed, stopped with the host, failed and why).</summary>
    public string? Outcome => _outcome;

    public bool Running => _outcome is null;

    public void Report(InitialSyncProgress progress)
    {
        _runId ??= progress.RunId;
        _progress = progress;
    }

    public void End(string? runId, string outcome)
    {
        _runId ??= runId;
        _outcome = outcome;
    }
}
