using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Engine.WorkScopes;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.Engine.Errors;

/// <summary>
/// The error list's operations: applying a failed record's queue again (as stored or from its source), discarding its
/// failed change, and purging entries older than the retention. The runtime gates each call as one of its operations
/// and lends its map lookup and link check.
/// </summary>
internal sealed class ErrorList
{
    private readonly RuntimeContext _context;
    private readonly AlertPolicy _alerts;
    private readonly TimeSpan? _retention;
    private readonly Func<string, IMapRunner> _runner;
    private readonly IWorkScope _work;
    private readonly Action _ensureLinked;

    public ErrorList(
        RuntimeContext context,
        AlertPolicy alerts,
        TimeSpan? retention,
        IWorkScope work,
        Func<string, IMapRunner> runner,
        Action ensureLinked)
    {
        _context = context;
        _alerts = alerts;
        _retention = retention;
        _runner = runner;
        _work = work;
        _ensureLinked = ensureLinked;
    }

    /// <summary>Applies a record's queue from its failed head; <paramref name="discardHead"/> drops that change first.</summary>
    /// <returns>Whether the record's queue is now empty.</returns>
    public async ValueTask<bool> DrainAsync(long errorId, bool discardHead, bool fromSource, CancellationToken cancellationToken)
    {
        _ensureLinked();
        var head = _context.State.GetPendingChange(errorId);
        if (head?.Reason is null)
        {
            throw new ArgumentException($"The error list has no entry {errorId}.", nameof(errorId));
        }

        var runner = _runner(head.Map);
        var update = _context.NewUpdate();
        _work.FenceRecord(head.Map, head.RecordKey, update);
        var queue = _context.State.GetRecordQueue(head.Map, head.RecordKey);

        var origin = "dualwrite:" + runner.Map.Name;
        using (var fo = await _context.Fo.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
        using (var dataverse = await _context.Dataverse.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < queue.Count; i++)
            {
                var pending = queue[i];

                // A change followed by a later change of the other side never reached that side, whose later image
                // therefore overwrites it: the later version stands on both sides, as it would have if synced in time.
                var superseded = queue.Skip(i + 1).Any(later => later.Change.Side != pending.Change.Side)
                    || (fromSource && FromSource.Supersedes(queue, head, i));
                if ((discardHead && pending.Id == head.Id) || superseded)
                {
                    update.Remove(pending.Id);
                    update.Record(head.Map, head.RecordKey, superseded ? RecordEventKind.Superseded : RecordEventKind.Discarded, pending.Change);
                    continue;
                }

                try
                {
                    var standsIn = fromSource && FromSource.StandsIn(queue, head, i);
                    if (standsIn)
                    {
                        await runner.ReplayFromSourceAsync(pending.Change, FromSource.IsNew(queue, head), fo, dataverse, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await runner.ReplayAsync(pending.Change, fo, dataverse, cancellationToken).ConfigureAwait(false);
                    }

                    update.Remove(pending.Id);
                    update.Record(head.Map, head.RecordKey, standsIn ? RecordEventKind.RetriedFromSource : RecordEventKind.Retried, pending.Change);
                }
                catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
                {
                    update.Fail(pending.Id, exception.Message, FailureClassifier.KindOf(exception));
                    update.Record(head.Map, head.RecordKey, RecordEventKind.Refused, pending.Change, exception.Message);
                    _context.Failures.Record(head.Map, FailureClassifier.KindOf(exception));
                    break;
                }
            }

            await dataverse.CommitAsync(cancellationToken).ConfigureAwait(false);
            await fo.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        _context.State.Apply(update);
        _alerts.RaisePending();
        return update.Removed.Count == queue.Count;
    }

    /// <summary>Drains every entry <paramref name="filter"/> selects, oldest first.</summary>
    /// <returns>How many records' queues are now empty.</returns>
    public async ValueTask<int> DrainAllAsync(ErrorFilter filter, bool discardHead, bool fromSource, CancellationToken cancellationToken)
    {
        var emptied = 0;
        foreach (var error in _context.State.GetErrors(filter))
        {
            emptied += await DrainAsync(error.Id, discardHead, fromSource, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return emptied;
    }

    /// <summary>Discards the entries whose last failure is older than the retention, if one is set.</summary>
    public async ValueTask PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        if (_retention is not { } retention)
        {
            return;
        }

        foreach (var error in _context.State.GetErrors(new ErrorFilter(LastFailedBefore: DateTimeOffset.UtcNow - retention)))
        {
            Log.ErrorExpired(_context.Logger, error.Map, error.RecordKey, error.Id, retention);
            await DrainAsync(error.Id, discardHead: true, fromSource: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
