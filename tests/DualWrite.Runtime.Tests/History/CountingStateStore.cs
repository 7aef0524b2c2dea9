using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.Tests.History;

/// <summary>A state store that counts the history purges (DELETEs) the runtime sends through it, and forwards everything.</summary>
internal sealed class CountingStateStore(DbStateStore inner) : IStateStore, IStatePages
{
    public int Purges { get; private set; }

    public int PurgeHistory(DateTimeOffset recordedBefore)
    {
        Purges++;
        return inner.PurgeHistory(recordedBefore);
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

    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => inner.GetErrors(filter);

    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey) => inner.GetRecordQueue(map, recordKey);

    public PendingChange? GetPendingChange(long id) => inner.GetPendingChange(id);

    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) => inner.ReadStaged(map, limit);

    public long CountStaged(string map) => inner.CountStaged(map);

    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) => inner.GetStagedRecord(map, recordKey);

    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) => inner.FindStaged(map, side, fromSequence, throughSequence);

    public void Apply(StateUpdate update) => inner.Apply(update);

    public IReadOnlyList<SyncError> GetErrorPage(ErrorFilter filter, long afterId, int limit) => inner.GetErrorPage(filter, afterId, limit);

    public long CountErrors(ErrorFilter filter) => inner.CountErrors(filter);

    public IReadOnlyList<StagedChange> GetStagedPage(string map, string? recordKey, long afterId, int limit) => inner.GetStagedPage(map, recordKey, afterId, limit);

    public IReadOnlyList<RecordEvent> GetRecordHistory(string map, string recordKey, long afterId, int limit) => inner.GetRecordHistory(map, recordKey, afterId, limit);

    public IReadOnlyList<InitialSyncError> GetInitialSyncErrorPage(string runId, long afterId, int limit) => inner.GetInitialSyncErrorPage(runId, afterId, limit);

    public IReadOnlyList<InitialSyncErrorCount> CountInitialSyncErrors(string runId, IReadOnlyList<string> companies) => inner.CountInitialSyncErrors(runId, companies);

    public void Dispose()
    {
    }
}
