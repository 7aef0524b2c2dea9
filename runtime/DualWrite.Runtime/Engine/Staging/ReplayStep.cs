using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Engine.Retries;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>
/// Applies the head of a map's staging queue, in staging order, inside the pass's transactions. Per record the
/// changes go one by one (never only the last): a failed change parks the record, so its later changes wait behind
/// it in the error list while other records flow; a record staged on both sides is settled by the map's conflict
/// policy, its winning side's changes applied in order.
/// </summary>
internal sealed class ReplayStep
{
    private readonly RuntimeContext _context;
    private readonly int _chunkSize;

    public ReplayStep(RuntimeContext context, int chunkSize)
    {
        _context = context;
        _chunkSize = chunkSize;
    }

    /// <summary>Replays one chunk into <paramref name="update"/>; returns whether it took the last staged change (the queue is then empty).</summary>
    public async ValueTask<bool> ReplayChunkAsync(IMapRunner runner, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        var map = runner.Map.Name;
        var chunk = _context.State.ReadStaged(map, _chunkSize);
        var blocked = new HashSet<string>(_context.State.GetBlockedRecords(map), StringComparer.Ordinal);
        var settled = new HashSet<long>();
        foreach (var staged in chunk)
        {
            if (settled.Contains(staged.Id))
            {
                continue;
            }

            if (blocked.Contains(staged.RecordKey))
            {
                Park(staged, update, result);
            }
            else if (staged.OtherSideStaged)
            {
                var record = _context.State.GetStagedRecord(map, staged.RecordKey);
                await SettleAsync(runner, record, blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
                settled.UnionWith(record.Select(r => r.Id));
            }
            else
            {
                await ApplyAsync(runner, staged, blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
            }
        }

        return chunk.Count < _chunkSize;
    }

    private async ValueTask SettleAsync(IMapRunner runner, IReadOnlyList<StagedChange> record, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        var map = runner.Map;
        var foChanges = record.Where(r => r.Change.Side == Side.Fo).ToList();
        var dataverseChanges = record.Where(r => r.Change.Side == Side.Dataverse).ToList();

        // A side whose changes alter none of the map's values has not changed for the map: the other side's changes flow.
        foreach (var (side, changes) in new[] { (Side.Fo, foChanges), (Side.Dataverse, dataverseChanges) })
        {
            if (!await runner.ChangesMappedValuesAsync(changes.Select(c => c.Change).ToList(), fo, dataverse, cancellationToken).ConfigureAwait(false))
            {
                await ApplySideAsync(runner, record, SideRules.Other(side), blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        result.Conflicts++;
        _context.Metrics.Conflict(map.Name, map.Conflict);
        var winner = map.Conflict switch
        {
            ConflictPolicy.FoWins => Side.Fo,
            ConflictPolicy.DataverseWins => Side.Dataverse,

            // On a tie F&O wins, as in a live pass, so both sides settle on the same version.
            ConflictPolicy.LatestWins => foChanges[^1].Change.ChangedAt >= dataverseChanges[^1].Change.ChangedAt ? Side.Fo : Side.Dataverse,
            _ => (Side?)null,
        };

        if (winner is null)
        {
            var ordered = record.OrderBy(r => r.Change.ChangedAt).ThenBy(r => r.Change.Side).ThenBy(r => r.Change.Sequence).ToList();
            var reason = $"Conflict: the record changed on both sides while the map was paused (F&O at {foChanges[^1].Change.ChangedAt:o}, Dataverse at {dataverseChanges[^1].Change.ChangedAt:o}) and the map's conflict policy is 'fail'.";
            Fail(map.Name, ordered[0], reason, SyncErrorKind.Conflict, blocked, update, result);
            foreach (var waiting in ordered.Skip(1))
            {
                Park(waiting, update, result);
            }

            return;
        }

        Log.ConflictResolved(_context.Logger, map.Name, record[0].RecordKey, winner.Value, map.Conflict);
        await ApplySideAsync(runner, record, winner.Value, blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the record's changes of <paramref name="winner"/> in order and drops the other side's.</summary>
    private async ValueTask ApplySideAsync(IMapRunner runner, IReadOnlyList<StagedChange> record, Side winner, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        foreach (var staged in record)
        {
            if (staged.Change.Side != winner)
            {
                update.Unstage(staged.Id);
                update.Record(runner.Map.Name, staged.RecordKey, RecordEventKind.Superseded, staged.Change);
                result.Replayed++;
                result.Skipped++;
            }
            else if (blocked.Contains(staged.RecordKey))
            {
                Park(staged, update, result);
            }
            else
            {
                await ApplyAsync(runner, staged, blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask ApplyAsync(IMapRunner runner, StagedChange staged, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await runner.ReplayAsync(staged.Change, fo, dataverse, cancellationToken).ConfigureAwait(false);
            update.Unstage(staged.Id);
            result.Replayed++;
            update.Record(runner.Map.Name, staged.RecordKey, outcome.AsHistory(), staged.Change);
            Count(runner, staged.Change, outcome, result);
        }
        catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
        {
            Fail(runner.Map.Name, staged, exception.Message, FailureClassifier.KindOf(exception), blocked, update, result);
        }
    }

    private void Count(IMapRunner runner, ChangeRecord change, ApplyOutcome outcome, SyncResult result)
    {
        switch (outcome)
        {
            case ApplyOutcome.Written:
                result.Synced++;
                _context.Metrics.Synced(runner.Map.Name, SideRules.Direction(change.Side), change.ChangedAt);
                break;
            case ApplyOutcome.Unchanged:
                result.Unchanged++;
                break;
            default:
                result.Skipped++;
                break;
        }
    }

    private void Fail(string map, StagedChange staged, string reason, SyncErrorKind kind, HashSet<string> blocked, StateUpdate update, SyncResult result)
    {
        var change = staged.Change;
        update.Unstage(staged.Id);
        update.Enqueue(map, staged.RecordKey, change, reason, kind);
        blocked.Add(staged.RecordKey);
        result.Replayed++;
        result.Failed++;
        _context.Metrics.Failed(map, SideRules.Direction(change.Side));
        _context.Failures.Record(map, kind);
        Log.ChangeFailed(_context.Logger, map, staged.RecordKey, change.Operation.ToString(), change.Side, reason);
    }

    private static void Park(StagedChange staged, StateUpdate update, SyncResult result)
    {
        update.Unstage(staged.Id);
        update.Enqueue(staged.Map, staged.RecordKey, staged.Change, reason: null);
        result.Replayed++;
        result.Queued++;
    }
}
