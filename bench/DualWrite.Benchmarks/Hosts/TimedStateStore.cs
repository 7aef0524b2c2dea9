using System;
using System.Collections.Generic;
using System.Diagnostics;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Benchmarks.Hosts;

/// <summary>A state store that adds the time of every call to <see cref="Timings"/>.</summary>
internal class TimedStateStore : IStateStore
{
    public TimedStateStore(IStateStore inner, Timings timings)
    {
        Inner = inner;
        Timings = timings;
    }

    protected IStateStore Inner { get; }

    protected Timings Timings { get; }

    public EnvironmentLink? GetLink() => Timed(() => Inner.GetLink());

    public void SetLink(EnvironmentLink? link) => Timed(() => Inner.SetLink(link));

    public void Reset() => Timed(Inner.Reset);

    public MapState GetMapState(string map) => Timed(() => Inner.GetMapState(map));

    public void SetMapState(string map, MapState state) => Timed(() => Inner.SetMapState(map, state));

    public MapStopReason? GetStopReason(string map) => Timed(() => Inner.GetStopReason(map));

    public void SetStopReason(string map, MapStopReason? reason) => Timed(() => Inner.SetStopReason(map, reason));

    public long? GetCursor(string map, Side side) => Timed(() => Inner.GetCursor(map, side));

    public IReadOnlyList<CursorMove> GetCursors() => Timed(Inner.GetCursors);

    public IReadOnlyCollection<string> GetBlockedRecords(string map) => Timed(() => Inner.GetBlockedRecords(map));

    public IReadOnlyList<SyncError> GetErrors() => Timed(Inner.GetErrors);

    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey) => Timed(() => Inner.GetRecordQueue(map, recordKey));

    public PendingChange? GetPendingChange(long id) => Timed(() => Inner.GetPendingChange(id));

    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => Timed(() => Inner.GetErrors(filter));

    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) => Timed(() => Inner.ReadStaged(map, limit));

    public long CountStaged(string map) => Timed(() => Inner.CountStaged(map));

    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) => Timed(() => Inner.GetStagedRecord(map, recordKey));

    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) => Timed(() => Inner.FindStaged(map, side, fromSequence, throughSequence));

    public void Apply(StateUpdate update) => Timed(() => Inner.Apply(update));

    public void Dispose() => Inner.Dispose();

    protected T Timed<T>(Func<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        finally
        {
            Timings.AddStateStore(Stopwatch.GetTimestamp() - started);
        }
    }

    protected void Timed(Action call) => Timed(() =>
    {
        call();
        return 0;
    });
}

/// <summary>The timed store over a store hosts share.</summary>
internal sealed class TimedPartitionedStateStore : TimedStateStore, IPartitionedStateStore
{
    private readonly IPartitionedStateStore _partitioned;

    public TimedPartitionedStateStore(IPartitionedStateStore inner, Timings timings)
        : base(inner, timings) => _partitioned = inner;

    public IReadOnlyDictionary<int, long> GetPartitionCursors(string map, Side side) => Timed(() => _partitioned.GetPartitionCursors(map, side));

    public IReadOnlyList<PartitionLease> AcquirePartitions(string hostId, int partitionCount, TimeSpan leaseDuration) =>
        Timed(() => _partitioned.AcquirePartitions(hostId, partitionCount, leaseDuration));

    public int RenewPartitions(string hostId, TimeSpan leaseDuration) => Timed(() => _partitioned.RenewPartitions(hostId, leaseDuration));

    public void ReleasePartitions(string hostId) => Timed(() => _partitioned.ReleasePartitions(hostId));

    public IReadOnlyList<PartitionLease> GetLeases() => Timed(_partitioned.GetLeases);
}
