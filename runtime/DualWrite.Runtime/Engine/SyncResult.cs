namespace DualWrite.Runtime.Engine;

/// <summary>What a sync pass (or a retry) did.</summary>
public sealed class SyncResult
{
    /// <summary>Changes read from the change logs.</summary>
    public int Read { get; internal set; }

    /// <summary>Changes written to the other side.</summary>
    public int Synced { get; internal set; }

    /// <summary>Changes whose target already held the values: nothing was written.</summary>
    public int Unchanged { get; internal set; }

    /// <summary>
    /// Changes that do not flow: the runtime's own writes (no echo), changes superseded by a later live write, records
    /// outside the source filter or of companies that are not linked, deletes of maps that ignore them, conflict losers.
    /// </summary>
    public int Skipped { get; internal set; }

    /// <summary>Changes that failed and now head their record's queue in the error list.</summary>
    public int Failed { get; internal set; }

    /// <summary>Changes parked behind a failed change of the same record.</summary>
    public int Queued { get; internal set; }

    /// <summary>Records changed on both sides since the last pass.</summary>
    public int Conflicts { get; internal set; }

    /// <summary>Changes of paused or replaying maps moved into the staging queue.</summary>
    public int Staged { get; internal set; }

    /// <summary>Staged changes taken off the staging queue by a replay: applied, skipped or parked.</summary>
    public int Replayed { get; internal set; }

    /// <summary>
    /// Whether a map's live step stopped at <see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/> with changes after it:
    /// the next pass goes on from there (the live loop runs it at once).
    /// </summary>
    public bool StoppedAtCap { get; internal set; }

    /// <summary>Whether the pass wrote nothing and parked nothing.</summary>
    public bool IsIdle => Synced == 0 && Failed == 0 && Queued == 0;

    internal void Add(SyncResult other)
    {
        Read += other.Read;
        Synced += other.Synced;
        Unchanged += other.Unchanged;
        Skipped += other.Skipped;
        Failed += other.Failed;
        Queued += other.Queued;
        Conflicts += other.Conflicts;
        Staged += other.Staged;
        Replayed += other.Replayed;
        StoppedAtCap |= other.StoppedAtCap;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"read {Read}, synced {Synced}, unchanged {Unchanged}, skipped {Skipped}, failed {Failed}, queued {Queued}, conflicts {Conflicts}, staged {Staged}, replayed {Replayed}";
}
