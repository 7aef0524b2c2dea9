using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;

namespace DualWrite.Testing;

/// <summary>
/// A state store that hands every call to <paramref name="inner"/>, for test decorators that change one call (a source
/// file linked into each test project that decorates a store); disposing it leaves the inner store open. The first link
/// goes through the interface's own steps, so through <see cref="Apply"/>.
/// </summary>
internal class ForwardingStateStore(IStateStore inner) : IStateStore
{
    public EnvironmentLink? GetLink() => inner.GetLink();

    public void SetLink(EnvironmentLink? link) => inner.SetLink(link);

    public void Reset() => inner.Reset();

    public MapState GetMapState(string map) => inner.GetMapState(map);

    public void SetMapState(string map, MapState state) => inner.SetMapState(map, state);

    public MapStopReason? GetStopReason(string map) => inner.GetStopReason(map);

    public void SetStopReason(string map, MapStopReason? reason) => inner.SetStopReason(map, reason);

    public long? GetCursor(string map, Side side) => inner.GetCursor(map, side);

    public IReadOnlyList<CursorMove> GetCursors() => inner.GetCursors();

    public IReadOnlyCollection<string> GetBlockedRecords(string map) => inner.GetBlockedRecords(map);

    public IReadOnlyList<SyncError> GetErrors() => inner.GetErrors();

    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => inner.GetErrors(filter);

    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey) => inner.GetRecordQueue(map, recordKey);

    public PendingChange? GetPendingChange(long id) => inner.GetPendingChange(id);

    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) => inner.ReadStaged(map, limit);

    public long CountStaged(string map) => inner.CountStaged(map);

    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) => inner.GetStagedRecord(map, recordKey);

    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) => inner.FindStaged(map, side, fromSequence, throughSequence);

    public virtual void Apply(StateUpdate update) => inner.Apply(update);

    public void Dispose()
    {
    }
}
