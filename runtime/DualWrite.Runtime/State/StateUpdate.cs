using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State.History;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.State;

/// <summary>
/// What one sync step changes in the state store, applied atomically by <see cref="IStateStore.Apply"/>: cursors
/// move together with the changes parked in record queues or staged for replay, so a change is either applied,
/// parked, staged, or read again.
/// </summary>
public sealed class StateUpdate
{
    private readonly List<CursorMove> _cursors = new();
    private readonly List<QueuedChange> _enqueued = new();
    private readonly List<long> _removed = new();
    private readonly List<FailedChange> _failed = new();
    private readonly List<StagingEntry> _staged = new();
    private readonly List<long> _unstaged = new();
    private readonly List<MapStateChange> _mapStates = new();
    private readonly List<PartitionCursorMove> _partitionCursors = new();
    private readonly List<HistoryEntry> _history = new();

    /// <summary>Cursors to move.</summary>
    public IReadOnlyList<CursorMove> Cursors => _cursors;

    /// <summary>Changes to append to their record's queue, in order.</summary>
    public IReadOnlyList<QueuedChange> Enqueued => _enqueued;

    /// <summary>Queue entries applied or discarded.</summary>
    public IReadOnlyList<long> Removed => _removed;

    /// <summary>Queue entries that failed again (or for the first time, once at the head), with the reason.</summary>
    public IReadOnlyList<FailedChange> Failed => _failed;

    /// <summary>Changes to append to the map's staging queue, in order.</summary>
    public IReadOnlyList<StagingEntry> Staged => _staged;

    /// <summary>Staging-queue entries replayed, parked or superseded.</summary>
    public IReadOnlyList<long> Unstaged => _unstaged;

    /// <summary>Map states to set.</summary>
    public IReadOnlyList<MapStateChange> MapStates => _mapStates;

    /// <summary>Partition cursors to move (several hosts sharing a <see cref="IPartitionedStateStore"/>).</summary>
    public IReadOnlyList<PartitionCursorMove> PartitionCursors => _partitionCursors;

    /// <summary>
    /// What happened to each change the update deals with, for the records' histories: staging and refusals are recorded
    /// by <see cref="Stage"/> and <see cref="Enqueue"/>, the rest by <see cref="Record"/>.
    /// </summary>
    public IReadOnlyList<HistoryEntry> History => _history;

    /// <summary>The host and the leases the update was computed under; null for a single host.</summary>
    public (string HostId, IReadOnlyList<PartitionLease> Leases)? Fence { get; private set; }

    /// <summary>Whether the update changes nothing.</summary>
    public bool IsEmpty => _cursors.Count == 0 && _enqueued.Count == 0 && _removed.Count == 0 && _failed.Count == 0
        && _staged.Count == 0 && _unstaged.Count == 0 && _mapStates.Count == 0 && _partitionCursors.Count == 0 && _history.Count == 0;

    /// <summary>
    /// Whether the update keeps the records' history (<see cref="History"/>); false drops the entries as they come. The
    /// runtime sets it from <see cref="Engine.DualWriteRuntimeOptions.RecordHistory"/>.
    /// </summary>
    public bool KeepsHistory { get; init; } = true;

    /// <summary>Moves the cursor of a map's side.</summary>
    public void MoveCursor(string map, Side side, long sequence) => _cursors.Add(new CursorMove(map, side, sequence));

    /// <summary>Appends a change to its record's queue; <paramref name="reason"/> is set when it is the failed head.</summary>
    public void Enqueue(string map, string recordKey, ChangeRecord change, string? reason, SyncErrorKind kind = SyncErrorKind.Value)
    {
        _enqueued.Add(new QueuedChange(map, recordKey, change, reason, kind));
        if (reason is not null && KeepsHistory)
        {
            _history.Add(new HistoryEntry(map, recordKey, RecordEventKind.Refused, change, reason));
        }
    }

    /// <summary>Removes a queue entry.</summary>
    public void Remove(long id) => _removed.Add(id);

    /// <summary>Marks a queue entry as the failed head of its queue and counts the attempt.</summary>
    public void Fail(long id, string reason, SyncErrorKind kind = SyncErrorKind.Value) => _failed.Add(new FailedChange(id, reason, kind));

    /// <summary>Appends a change to the map's staging queue.</summary>
    public void Stage(string map, string recordKey, ChangeRecord change)
    {
        _staged.Add(new StagingEntry(map, recordKey, change));
        if (KeepsHistory)
        {
            _history.Add(new HistoryEntry(map, recordKey, RecordEventKind.Staged, change, null));
        }
    }

    /// <summary>Records in the record's history what became of a change that was not staged or parked by this update; <paramref name="detail"/> says why it failed.</summary>
    public void Record(string map, string recordKey, RecordEventKind kind, ChangeRecord change, string? detail = null)
    {
        if (KeepsHistory)
        {
            _history.Add(new HistoryEntry(map, recordKey, kind, change, detail));
        }
    }

    /// <summary>Removes a staging-queue entry.</summary>
    public void Unstage(long id) => _unstaged.Add(id);

    /// <summary>Sets a map's state together with the rest of the update; with <paramref name="expected"/>, only if the map is in that state (a pause made meanwhile stands).</summary>
    public void SetMapState(string map, MapState state, MapState? expected = null) => _mapStates.Add(new MapStateChange(map, state, expected));

    /// <summary>Moves the cursor of a partition of a map's side.</summary>
    public void MovePartitionCursor(string map, Side side, int partition, long sequence) => _partitionCursors.Add(new PartitionCursorMove(map, side, partition, sequence));

    /// <summary>
    /// Makes the update conditional on the host still holding these leases at the same epochs when it is stored, so a host
    /// whose lease ran out meanwhile cannot move a cursor or park a change the new owner also handles.
    /// </summary>
    public void FenceWith(string hostId, IReadOnlyList<PartitionLease> leases) => Fence = (hostId, leases);
}

/// <summary>A partition cursor position: the last change of the side's log the map has dealt with for that partition's records.</summary>
/// <param name="Map">The map.</param>
/// <param name="Side">The side whose change log the cursor reads.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Sequence">The sequence dealt with.</param>
public sealed record PartitionCursorMove(string Map, Side Side, int Partition, long Sequence);

/// <summary>A cursor position: the last change of the side's log the map has dealt with.</summary>
/// <param name="Map">The map.</param>
/// <param name="Side">The side whose change log the cursor reads.</param>
/// <param name="Sequence">The sequence dealt with.</param>
public sealed record CursorMove(string Map, Side Side, long Sequence);

/// <summary>A change to park in its record's queue.</summary>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key.</param>
/// <param name="Change">The change.</param>
/// <param name="Reason">Why it failed, when it is the head; otherwise null.</param>
/// <param name="Kind">The kind of failure, when it is the head.</param>
public sealed record QueuedChange(string Map, string RecordKey, ChangeRecord Change, string? Reason, SyncErrorKind Kind = SyncErrorKind.Value);

/// <summary>A queue entry that failed (again).</summary>
/// <param name="Id">The queue entry.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="Kind">The kind of failure.</param>
public sealed record FailedChange(long Id, string Reason, SyncErrorKind Kind);

/// <summary>A change to stage.</summary>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key.</param>
/// <param name="Change">The change.</param>
public sealed record StagingEntry(string Map, string RecordKey, ChangeRecord Change);

/// <summary>A map state to set.</summary>
/// <param name="Map">The map.</param>
/// <param name="State">The new state.</param>
/// <param name="Expected">When set, the state is changed only if the map is in this state.</param>
public sealed record MapStateChange(string Map, MapState State, MapState? Expected);
