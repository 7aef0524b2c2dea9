using System;
using System.Diagnostics;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.History;

/// <summary>
/// Removes the records' history entries older than the retention. The DELETE runs once when the runtime's first pass
/// starts, whatever <see cref="DualWriteRuntimeOptions.RecordHistory"/> says, so that entries a run with history on left
/// behind still expire; after that only while the runtime records history, and at most once a <see cref="Interval"/>:
/// a host polling every few milliseconds would otherwise send a DELETE with every pass.
/// </summary>
internal sealed class HistoryPurge
{
    /// <summary>The least time between two purges; history is kept for days, so a minute more of it costs nothing.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly RuntimeContext _context;
    private readonly TimeSpan _retention;
    private long? _lastPurge;

    public HistoryPurge(RuntimeContext context, TimeSpan retention)
    {
        _context = context;
        _retention = retention;
    }

    /// <summary>Purges when due; called at the start of every pass (passes run one at a time).</summary>
    public void RunIfDue()
    {
        if (_context.State is not IStatePages pages)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var due = _lastPurge is not { } last || (_context.RecordsHistory && Stopwatch.GetElapsedTime(last, now) >= Interval);
        if (!due)
        {
            return;
        }

        _lastPurge = now;
        pages.PurgeHistory(DateTimeOffset.UtcNow - _retention);
    }
}
