using System;
using System.Collections.Generic;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.History;
using DualWrite.Testing;

namespace DualWrite.Runtime.Tests.History;

/// <summary>A state store that counts the history purges (DELETEs) the runtime sends through it, and forwards everything.</summary>
internal sealed class CountingStateStore : ForwardingStateStore, IStatePages
{
    private readonly DbStateStore _inner;

    public CountingStateStore(DbStateStore inner)
        : base(inner) => _inner = inner;

    public int Purges { get; private set; }

    public int PurgeHistory(DateTimeOffset recordedBefore)
    {
        Purges++;
        return _inner.PurgeHistory(recordedBefore);
    }

    public IReadOnlyList<SyncError> GetErrorPage(ErrorFilter filter, long afterId, int limit) => _inner.GetErrorPage(filter, afterId, limit);

    public long CountErrors(ErrorFilter filter) => _inner.CountErrors(filter);

    public IReadOnlyList<StagedChange> GetStagedPage(string map, string? recordKey, long afterId, int limit) => _inner.GetStagedPage(map, recordKey, afterId, limit);

    public IReadOnlyList<RecordEvent> GetRecordHistory(string map, string recordKey, long afterId, int limit) => _inner.GetRecordHistory(map, recordKey, afterId, limit);

    public IReadOnlyList<InitialSyncError> GetInitialSyncErrorPage(string runId, string? map, string? company, long afterId, int limit) => _inner.GetInitialSyncErrorPage(runId, map, company, afterId, limit);

    public IReadOnlyList<InitialSyncErrorCount> CountInitialSyncErrors(string runId, IReadOnlyList<string> companies) => _inner.CountInitialSyncErrors(runId, companies);
}
