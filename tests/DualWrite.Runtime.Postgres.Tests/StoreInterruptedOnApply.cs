using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// A host's shared store that, on the first update <paramref name="when"/> picks, first runs <paramref name="interrupt"/>
/// (another host taking over while this one sits between computing the update and storing it), then stores the update,
/// counting the ones the fence refuses.
/// </summary>
internal sealed class StoreInterruptedOnApply(IPartitionedStateStore inner, Func<StateUpdate, bool> when, Action interrupt) : IPartitionedStateStore
{
    /// <summary>Whether the interruption ran.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>How many updates the fence refused.</summary>
    public int Refused { get; private set; }

    public void Apply(StateUpdate update)
    {
        if (!Interrupted && when(update))
        {
            Interrupted = true;
            interrupt();
        }

        try
        {
            inner.Apply(update);
        }
        catch (PartitionLeaseLostException)
        {
            Refused++;
            throw;
        }
    }

    public EnvironmentLink? GetLink() => inner.GetLink();

    public void SetLink(EnvironmentLink? link) => inner.SetLink(link);

    public void Reset() => inner.Reset();

    public EnvironmentLink? LinkIfUnlinked(EnvironmentLink link, StateUpdate start) => inner.LinkIfUnlinked(link, start);

    public MapState GetMapState(string map) => inner.GetMapState(map);

    public void SetMapState(string map, MapState state) => inner.SetMapState(map, state);

    public MapStopReason? GetStopReason(string map) => inner.GetStopReason(map);

    public void SetStopReason(string map, MapStopReason? reason) => inner.SetStopReason(map, reason);

    public long? GetCursor(string map, Side side) => inner.GetCursor(map, side);

    public IReadOnlyList<CursorMove> GetCursors() => inner.GetCursors();

    public IReadOnlyCollection<string> GetBlockedRecords(string map) => inner.GetBlockedRecords(map);

    public IReadOnlyList<SyncError> GetErrors() => inner.GetErrors();

    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey) => inner.GetRecordQueue(map, recordKey);

    public PendingChange? GetPendingChange(long id) => inner.GetPendingChange(id);

    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => inner.GetErrors(filter);

    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) => inner.ReadStaged(map, limit);

    public long CountStaged(string map) => inner.CountStaged(map);

    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) => inner.GetStagedRecord(map, recordKey);

    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) => inner.FindStaged(map, side, fromSequence, throughSequence);

    public IReadOnlyDictionary<int, long> GetPartitionCursors(string map, Side side) => inner.GetPartitionCursors(map, side);

    public IReadOnlyList<PartitionLease> AcquirePartitions(string hostId, int partitionCount, TimeSpan leaseDuration) => inner.AcquirePartitions(hostId, partitionCount, leaseDuration);

    public int RenewPartitions(string hostId, TimeSpan leaseDuration) => inner.RenewPartitions(hostId, leaseDuration);

    public void ReleasePartitions(string hostId) => inner.ReleasePartitions(hostId);

    public IReadOnlyList<PartitionLease> GetLeases() => inner.GetLeases();

    public void Dispose() => inner.Dispose();
}
