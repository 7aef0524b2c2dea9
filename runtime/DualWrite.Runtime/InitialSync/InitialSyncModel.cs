using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.InitialSync;

/// <summary>Where a run stands.</summary>
public enum InitialSyncRunStatus
{
    /// <summary>Started and not finished: running, stopped or crashed. <see cref="InitialSyncRunner.ResumeAsync"/> continues it.</summary>
    Running,

    /// <summary>Every step finished and no row failed (or the failures were skipped).</summary>
    Completed,

    /// <summary>Every step finished; some rows failed and wait in the run's error list.</summary>
    CompletedWithErrors,
}

/// <summary>Where a step stands.</summary>
public enum InitialSyncStepStatus
{
    /// <summary>Not started.</summary>
    Pending,

    /// <summary>Started; the checkpoint holds the last key dealt with.</summary>
    Running,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>The user skipped the map.</summary>
    Skipped,
}

/// <summary>What a step did with the rows of one legal entity (<c>dataAreaId</c>).</summary>
public sealed class InitialSyncCompanyCounts
{
    /// <summary>Rows read on both sides.</summary>
    public long Read { get; set; }

    /// <summary>Records inserted or updated on the other side.</summary>
    public long Written { get; set; }

    /// <summary>Records that could not be written; each is in the run's error list.</summary>
    public long Failed { get; set; }

    /// <summary>Adds other counts of the same legal entity.</summary>
    internal void Add(InitialSyncCompanyCounts other)
    {
        Read += other.Read;
        Written += other.Written;
        Failed += other.Failed;
    }
}

/// <summary>What a step did with the records it read. Every record (a key found on either side or both) counts once.</summary>
public sealed class InitialSyncCounts
{
    private Dictionary<string, InitialSyncCompanyCounts> _companies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>F&amp;O rows read.</summary>
    public long FoRead { get; set; }

    /// <summary>Dataverse rows read.</summary>
    public long DataverseRead { get; set; }

    /// <summary>Records created on the side that lacked them.</summary>
    public long Inserted { get; set; }

    /// <summary>Records whose values differed and were overwritten from the winning side.</summary>
    public long Updated { get; set; }

    /// <summary>Records already alike on both sides.</summary>
    public long Unchanged { get; set; }

    /// <summary>Records outside the sync: a company that is not linked, or no side inside its source filter.</summary>
    public long Skipped { get; set; }

    /// <summary>Records that could not be written; each is in the run's error list.</summary>
    public long Failed { get; set; }

    /// <summary>Rows read on both sides.</summary>
    public long Read => FoRead + DataverseRead;

    /// <summary>Records dealt with.</summary>
    public long Records => Inserted + Updated + Unchanged + Skipped + Failed;

    /// <summary>
    /// The counts per legal entity, upper case, as the rows streamed; a map that is not striped by company counts under
    /// the empty company. Legal entities compare ignoring case, as the link's do.
    /// </summary>
    public IReadOnlyDictionary<string, InitialSyncCompanyCounts> Companies => _companies;

    /// <summary>A legal entity's counts (the empty company for a map not striped by company), added on first use.</summary>
    public InitialSyncCompanyCounts Company(string company)
    {
        if (!_companies.TryGetValue(company, out var counts))
        {
            counts = new InitialSyncCompanyCounts();
            _companies.Add(company.ToUpperInvariant(), counts);
        }

        return counts;
    }

    /// <summary>A copy.</summary>
    public InitialSyncCounts Clone()
    {
        var copy = (InitialSyncCounts)MemberwiseClone();
        copy._companies = new(StringComparer.OrdinalIgnoreCase);
        copy.AddCompanies(this);
        return copy;
    }

    /// <summary>Adds another step's counts.</summary>
    public void Add(InitialSyncCounts other)
    {
        FoRead += other.FoRead;
        DataverseRead += other.DataverseRead;
        Inserted += other.Inserted;
        Updated += other.Updated;
        Unchanged += other.Unchanged;
        Skipped += other.Skipped;
        Failed += other.Failed;
        AddCompanies(other);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"read {FoRead} F&O + {DataverseRead} Dataverse, inserted {Inserted}, updated {Updated}, unchanged {Unchanged}, skipped {Skipped}, failed {Failed}";

    private void AddCompanies(InitialSyncCounts other)
    {
        foreach (var (company, counts) in other._companies)
        {
            Company(company).Add(counts);
        }
    }
}

/// <summary>A run as the state store keeps it.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Master">The side that wins where both sides hold a record with different values.</param>
/// <param name="Steps">The plan's steps.</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When its last step finished, or null.</param>
public sealed record InitialSyncRun(string Id, Side Master, IReadOnlyList<InitialSyncStep> Steps, InitialSyncRunStatus Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

/// <summary>A step's checkpoint: its status, the last integration key dealt with (in key-path order) and its counts so far.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Map">The map.</param>
/// <param name="Pass">The pass.</param>
/// <param name="Status">Where the step stands.</param>
/// <param name="LastKey">The last key dealt with on both sides, or null before the first batch.</param>
/// <param name="Counts">The counts so far.</param>
public sealed record InitialSyncCheckpoint(string RunId, string Map, InitialSyncPass Pass, InitialSyncStepStatus Status, IReadOnlyList<string>? LastKey, InitialSyncCounts Counts);

/// <summary>A row the initial sync could not write, with the reason. Every failed row is kept.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="RunId">The run.</param>
/// <param name="Map">The map.</param>
/// <param name="Pass">The pass it failed in.</param>
/// <param name="SourceSide">The side whose version was being written to the other side.</param>
/// <param name="RecordKey">The integration key (<c>company|value…</c>).</param>
/// <param name="Row">The source row as JSON.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="FailedAt">When it failed last.</param>
/// <param name="Skipped">Whether a rerun skipping errors set it aside.</param>
public sealed record InitialSyncError(long Id, string RunId, string Map, InitialSyncPass Pass, Side SourceSide, string RecordKey, string Row, string Reason, DateTimeOffset FailedAt, bool Skipped);

/// <summary>A failed row on its way to the error list, stored with the checkpoint of its batch.</summary>
/// <param name="Map">The map.</param>
/// <param name="Pass">The pass.</param>
/// <param name="SourceSide">The side whose version was being written.</param>
/// <param name="Key">The record's integration key.</param>
/// <param name="Row">The source row as JSON.</param>
/// <param name="Reason">Why it failed.</param>
public sealed record InitialSyncFailure(string Map, InitialSyncPass Pass, Side SourceSide, IntegrationKey Key, string Row, string Reason);

/// <summary>How a record differs between the sides, as a dry run reports it.</summary>
public enum InitialSyncChange
{
    /// <summary>The target side lacks the record.</summary>
    Insert,

    /// <summary>The target side holds the record with other values.</summary>
    Update,
}

/// <summary>A difference a dry run found: what the initial sync would write.</summary>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The integration key.</param>
/// <param name="Target">The side that would be written.</param>
/// <param name="Change">Insert or update.</param>
/// <param name="Fields">The fields that would be written.</param>
public sealed record InitialSyncDifference(string Map, string RecordKey, Side Target, InitialSyncChange Change, IReadOnlyList<string> Fields);

/// <summary>Progress of a step, reported after every batch.</summary>
/// <param name="RunId">The run (null for a dry run).</param>
/// <param name="Map">The map.</param>
/// <param name="Pass">The pass.</param>
/// <param name="Step">The step's position, from 1.</param>
/// <param name="StepCount">How many steps the plan has.</param>
/// <param name="RowsRead">Rows read so far on both sides, earlier sessions of a resumed step included.</param>
/// <param name="RowsTotal">Rows on both sides when the step started (an estimate: the tables may change meanwhile).</param>
/// <param name="Counts">The step's counts so far.</param>
/// <param name="Elapsed">Time spent in this session of the step.</param>
/// <param name="RowsPerSecond">Rows read per second in this session.</param>
/// <param name="Remaining">The time the rest of the step should take at that rate, or null before there is a rate.</param>
/// <param name="Completed">Whether the step is done.</param>
public sealed record InitialSyncProgress(string? RunId, string Map, InitialSyncPass Pass, int Step, int StepCount, long RowsRead, long RowsTotal, InitialSyncCounts Counts, TimeSpan Elapsed, double RowsPerSecond, TimeSpan? Remaining, bool Completed);

/// <summary>What a step did.</summary>
/// <param name="Map">The map.</param>
/// <param name="Pass">The pass.</param>
/// <param name="Status">Where the step stands.</param>
/// <param name="Counts">Its counts, earlier sessions included.</param>
public sealed record InitialSyncStepResult(string Map, InitialSyncPass Pass, InitialSyncStepStatus Status, InitialSyncCounts Counts);

/// <summary>What a run (or a dry run) did.</summary>
/// <param name="RunId">The run's id, for resume and rerun; null for a dry run.</param>
/// <param name="Master">The side that won where both sides differed.</param>
/// <param name="DryRun">Whether nothing was written.</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="Steps">Each step.</param>
/// <param name="Errors">How many rows wait in the error list.</param>
/// <param name="Elapsed">Time spent in this session.</param>
public sealed record InitialSyncResult(string? RunId, Side Master, bool DryRun, InitialSyncRunStatus Status, IReadOnlyList<InitialSyncStepResult> Steps, long Errors, TimeSpan Elapsed)
{
    /// <summary>The counts of every step together.</summary>
    public InitialSyncCounts Total
    {
        get
        {
            var total = new InitialSyncCounts();
            foreach (var step in Steps)
            {
                total.Add(step.Counts);
            }

            return total;
        }
    }
}

/// <summary>How to run an initial sync.</summary>
public sealed class InitialSyncOptions
{
    /// <summary>
    /// The side that wins where both sides hold a record with different values (one-way maps always flow their way).
    /// A new run or a dry run must name it: there is no default (dual-write asks for it too). A resumed or rerun run keeps its own.
    /// </summary>
    public Side? Master { get; set; }

    /// <summary>Records per transaction and checkpoint.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Receives progress after every batch.</summary>
    public IProgress<InitialSyncProgress>? Progress { get; set; }

    /// <summary>For a dry run: receives every difference found.</summary>
    public Action<InitialSyncDifference>? Differences { get; set; }
}
