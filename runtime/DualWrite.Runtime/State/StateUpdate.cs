using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.State;

/// <summary>
/// What one sync step changes in the state store, applied atomically by <see cref="IStateStore.Apply"/>: cursors
/// move together with the changes parked in record queues, so a change is either applied, parked, or read again.
/// </summary>
public sealed class StateUpdate
{
    private readonly List<CursorMove> _cursors = new();
    private readonly List<QueuedChange> _enqueued = new();
    private readonly List<long> _removed = new();
    private readonly List<(long Id, string Reason)> _failed = new();
    private readonly List<PartitionCursorMove> _partitionCursors = new();

    /// <summary>Cursors to move.</summary>
    public IReadOnlyList<CursorMove> Cursors => _cursors;

    /// <summary>Changes to append to their record's queue, in order.</summary>
    public IReadOnlyList<QueuedChange> Enqueued => _enqueued;

    /// <summary>Queue entries applied or discarded.</summary>
    public IReadOnlyList<long> Removed => _removed;

    /// <summary>Queue entries that failed again (or for the first time, once at the head), with the reason.</summary>
    public IReadOnlyList<(long Id, string Reason)> Failed => _failed;

    /// <summary>Partition cursors to move (several hosts sharing a <see cref="IPartitionedStateStore"/>).</summary>
    public IReadOnlyList<PartitionCursorMove> PartitionCursors => _partitionCursors;

    /// <summary>The host and the leases the update was computed under; null for a single host.</summary>
    public (string HostId, IReadOnlyList<PartitionLease> Leases)? Fence { get; private set; }

    /// <summary>Whether the update changes nothing.</summary>
    public bool IsEmpty => _cursors.Count == 0 && _enqueued.Count == 0 && _removed.Count == 0 && _failed.Count == 0 && _partitionCursors.Count == 0;

    /// <summary>Moves the cursor of a map's side.</summary>
    public void MoveCursor(string map, Side side, long sequence) => _cursors.Add(new CursorMove(map, side, sequence));

    /// <summary>Appends a change to its record's queue; <paramref name="reason"/> is set when it is the failed head.</summary>
    public void Enqueue(string map, string recordKey, ChangeRecord change, string? reason) => _enqueued.Add(new QueuedChange(map, recordKey, change, reason));

    /// <summary>Removes a queue entry.</summary>
    public void Remove(long id) => _removed.Add(id);

    /// <summary>Marks a queue entry as the failed head of its queue.</summary>
    public void Fail(long id, string reason) => _failed.Add((id, reason));

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
public sealed record QueuedChange(string Map, string RecordKey, ChangeRecord Change, string? Reason);
