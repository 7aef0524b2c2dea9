using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace DualWrite.Runtime.InitialSync;

/// <summary>One session of one step: where it resumes, its counts, and what happens at every batch end.</summary>
internal sealed class InitialSyncStepRun
{
    private readonly InitialSyncSession _session;
    private readonly IInitialSyncStore? _store;
    private readonly string? _runId;
    private readonly int _index;
    private readonly int _stepCount;
    private readonly long _total;
    private readonly long _readAtStart;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private InitialSyncStepRun(InitialSyncSession session, IInitialSyncStore? store, string? runId, InitialSyncStep step, int index, int stepCount, InitialSyncCheckpoint? checkpoint, long total)
    {
        _session = session;
        _store = store;
        _runId = runId;
        _index = index;
        _stepCount = stepCount;
        Step = step;
        After = checkpoint?.LastKey;
        Counts = checkpoint?.Counts ?? new InitialSyncCounts();
        _readAtStart = Counts.Read;
        _total = total;
    }

    /// <summary>Starts the step's session, with both sides' row counts for its progress estimates.</summary>
    public static async ValueTask<InitialSyncStepRun> StartAsync(InitialSyncSession session, IInitialSyncStore? store, string? runId, InitialSyncStep step, int index, int stepCount, InitialSyncCheckpoint? checkpoint, IDualWriteMap map)
    {
        var total = await session.Fo.CountRowsAsync(map.Fo.EntitySet!, session.CancellationToken).ConfigureAwait(false)
            + await session.Dataverse.CountRowsAsync(map.Dataverse.EntitySet!, session.CancellationToken).ConfigureAwait(false);
        return new InitialSyncStepRun(session, store, runId, step, index, stepCount, checkpoint, total);
    }

    public InitialSyncStep Step { get; }

    public InitialSyncPass Pass => Step.Pass;

    /// <summary>The last key of the checkpoint the step resumes from, or null.</summary>
    public IReadOnlyList<string>? After { get; }

    public InitialSyncCounts Counts { get; }

    /// <summary>The records written and failed so far, taken before a record is dealt with, for <see cref="CountRecord"/>.</summary>
    public (long Written, long Failed) Outcome => (Counts.Inserted + Counts.Updated, Counts.Failed);

    /// <summary>
    /// Counts a record under its legal entity (none for a map not striped by company): its rows read, and whether it was
    /// written or failed, which is what the step's counts gained since <paramref name="before"/>.
    /// </summary>
    public void CountRecord(string? company, int rowsRead, (long Written, long Failed) before)
    {
        var counts = Counts.Company(company ?? string.Empty);
        var (written, failed) = Outcome;
        counts.Read += rowsRead;
        counts.Written += written - before.Written;
        counts.Failed += failed - before.Failed;
    }

    /// <summary>Moves a record the batch counted as written to failed: the service refused its write at the commit.</summary>
    public void CountRefused(string? company)
    {
        var counts = Counts.Company(company ?? string.Empty);
        counts.Written--;
        counts.Failed++;
    }

    /// <summary>
    /// Ends a batch: the target writes commit first, then the checkpoint and the batch's failures are stored together.
    /// A crash in between replays the batch from the previous checkpoint, and the replayed writes find the rows
    /// already written (no duplicates; the failures were not stored, so they are not doubled either).
    /// </summary>
    public async ValueTask FlushAsync(InitialSyncBatch batch, IReadOnlyList<string>? lastKey, bool completed)
    {
        await batch.CommitAsync().ConfigureAwait(false);
        if (_store is not null && _runId is not null)
        {
            var status = completed ? InitialSyncStepStatus.Completed : InitialSyncStepStatus.Running;
            _store.SaveCheckpoint(new InitialSyncCheckpoint(_runId, Step.Map, Step.Pass, status, lastKey, Counts.Clone()), batch.Failures);
        }

        batch.Failures.Clear();
        batch.Records = 0;
        Report(completed);
    }

    private void Report(bool completed)
    {
        if (_session.Options.Progress is not { } progress)
        {
            return;
        }

        var elapsed = _clock.Elapsed;
        var rate = elapsed.TotalSeconds > 0 ? (Counts.Read - _readAtStart) / elapsed.TotalSeconds : 0;
        TimeSpan? remaining = completed ? TimeSpan.Zero : rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, _total - Counts.Read) / rate) : null;
        progress.Report(new InitialSyncProgress(_runId, Step.Map, Step.Pass, _index + 1, _stepCount, Counts.Read, Math.Max(_total, Counts.Read), Counts.Clone(), elapsed, rate, remaining, completed));
    }
}
