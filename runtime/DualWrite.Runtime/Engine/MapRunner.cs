using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Passes;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Engine.WorkScopes;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// Runs a map with its entity types. A pass reads both change logs, groups changes by record (integration key),
/// and per record: drops the runtime's own writes and whatever they superseded, parks changes behind a failed one,
/// settles records changed on both sides by the map's conflict policy, and applies the rest in order.
/// </summary>
internal sealed partial class MapRunner<TFo, TDataverse> : IMapRunner
    where TFo : class
    where TDataverse : class
{
    private readonly IDualWriteMap<TFo, TDataverse> _map;
    private readonly RuntimeContext _context;
    private readonly Flow<TFo, TDataverse>? _toDataverse;
    private readonly Flow<TDataverse, TFo>? _toFo;

    // A pass's write carries the map and the source change in its origin (prefix + source sequence), so a replay can tell it was already made.
    private readonly string _originPrefix;

    public MapRunner(IDualWriteMap<TFo, TDataverse> map, RuntimeContext context)
    {
        _map = map;
        _context = context;
        _originPrefix = OriginPrefix(map.Name);
        var numbers = context.NumberSequences.FirstOrDefault(n => n.MapName == map.Name);
        if (RecordScope.Flows(map, Side.Fo))
        {
            _toDataverse = new Flow<TFo, TDataverse>(map, Side.Fo, context.Dataverse, map.Dataverse, map.DataverseKeyPaths, map.MatchesFoFilter, map.ToDataverse, numbers);
        }

        if (RecordScope.Flows(map, Side.Dataverse))
        {
            _toFo = new Flow<TDataverse, TFo>(map, Side.Dataverse, context.Fo, map.Fo, map.FoKeyPaths, map.MatchesDataverseFilter, map.ToFo, numbers);
        }
    }

    public IDualWriteMap Map => _map;

    private string Name => _map.Name;

    public bool ReadsFrom(Side side) => side == Side.Fo ? _toDataverse is not null : _toFo is not null;

    public Side? SideOf(Type clrType) =>
        clrType == typeof(TFo) ? Side.Fo : clrType == typeof(TDataverse) ? Side.Dataverse : null;

    public async ValueTask<CapStop?> SyncAsync(IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, long foHead, long dataverseHead, StateUpdate update, SyncResult result, IPassScope scope, CancellationToken cancellationToken)
    {
        BeginPassWrites();
        var foCursors = scope.CursorsOf(Name, Side.Fo, foHead);
        var dataverseCursors = scope.CursorsOf(Name, Side.Dataverse, dataverseHead);

        // A one-way map has nothing to read on its target side, and has dealt with all of it: its cursor keeps up, so
        // tools that show how far a map is behind (dualwrite status) need not know the map's direction.
        foCursors.MoveTo(update, foHead);
        dataverseCursors.MoveTo(update, dataverseHead);

        // The runtime's own writes are never applied; they only make other changes of their record skip. With no
        // other change in the pass they decide nothing, so they are counted, not read (after a bulk load, that is the
        // whole next pass).
        var foCount = ReadsFrom(Side.Fo) ? await CountAsync(_context.Fo, _map.Fo, foHead, foCursors, cancellationToken).ConfigureAwait(false) : default;
        var dataverseCount = ReadsFrom(Side.Dataverse) ? await CountAsync(_context.Dataverse, _map.Dataverse, dataverseHead, dataverseCursors, cancellationToken).ConfigureAwait(false) : default;
        if (foCount.Ordinary == 0 && dataverseCount.Ordinary == 0)
        {
            result.Read += (int)(foCount.Total + dataverseCount.Total);
            result.Skipped += (int)(foCount.Total + dataverseCount.Total);
            return null;
        }

        // With ordinary changes on one side only, no record can be in conflict: that side is read a page at a time, so a
        // large pass holds one page of entities, not all of them (which the garbage collector then had to keep copying),
        // and stops at the cap. Changes on both sides are judged against each other, so that window is read whole.
        if (foCount.Ordinary == 0 || dataverseCount.Ordinary == 0)
        {
            var foWindow = new SideWindow(Side.Fo, foHead, foCursors, foCount.Total > foCount.Ordinary);
            var dataverseWindow = new SideWindow(Side.Dataverse, dataverseHead, dataverseCursors, dataverseCount.Total > dataverseCount.Ordinary);
            var (source, other) = foCount.Ordinary > 0 ? (foWindow, dataverseWindow) : (dataverseWindow, foWindow);
            return await SyncOneSideAsync(source, other, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
        }

        var foChanges = ReadsFrom(Side.Fo) ? await ReadAsync(_context.Fo, _map.Fo, foHead, foCursors, result, cancellationToken).ConfigureAwait(false) : Array.Empty<ChangeRecord>();
        var dataverseChanges = ReadsFrom(Side.Dataverse) ? await ReadAsync(_context.Dataverse, _map.Dataverse, dataverseHead, dataverseCursors, result, cancellationToken).ConfigureAwait(false) : Array.Empty<ChangeRecord>();

        var items = new List<Item>(foChanges.Count + dataverseChanges.Count);
        foreach (var change in foChanges)
        {
            AddInScope(items, await ToItemAsync(_map.Fo, change, fo, cancellationToken).ConfigureAwait(false), foCursors);
        }

        foreach (var change in dataverseChanges)
        {
            AddInScope(items, await ToItemAsync(_map.Dataverse, change, dataverse, cancellationToken).ConfigureAwait(false), dataverseCursors);
        }

        var blocked = new HashSet<string>(_context.State.GetBlockedRecords(Name), StringComparer.Ordinal);
        await FindTargetsAsync(items, blocked, fo, dataverse, cancellationToken).ConfigureAwait(false);
        foreach (var record in items.GroupBy(i => i.RecordKey, StringComparer.Ordinal))
        {
            await SyncRecordAsync(record.Key, record.ToList(), blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public async ValueTask ApplyLiveAsync(Side side, ChangeOperation operation, object entity, bool isNew, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        if (!ReadsFrom(side))
        {
            return;
        }

        var key = side == Side.Fo ? _map.GetFoKey((TFo)entity) : _map.GetDataverseKey((TDataverse)entity);
        if (!_context.Scope.IsLinked(_map, key))
        {
            return;
        }

        var recordKey = RecordKeyOf(key);
        var direction = side == Side.Fo ? _toDataverse!.Direction : _toFo!.Direction;
        if (_context.State.GetBlockedRecords(Name).Contains(recordKey))
        {
            const string reason = "an earlier change of the record failed and waits in the error list; retry or discard it first";
            Log.LiveWriteRefused(_context.Logger, Name, recordKey, reason);
            throw new DualWriteException(Name, recordKey, reason);
        }

        try
        {
            var outcome = side == Side.Fo
                ? await _toDataverse!.ApplyAsync(operation, (TFo)entity, key, isNew, dataverse, missingTarget: null, cancellationToken).ConfigureAwait(false)
                : await _toFo!.ApplyAsync(operation, (TDataverse)entity, key, isNew, fo, missingTarget: null, cancellationToken).ConfigureAwait(false);
            if (outcome == ApplyOutcome.Written)
            {
                _context.Metrics.Synced(Name, direction, changedAt: null);
            }
        }
        catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
        {
            _context.Metrics.Failed(Name, direction);
            Log.LiveWriteRefused(_context.Logger, Name, recordKey, exception.Message);
            throw new DualWriteException(Name, recordKey, exception.Message, exception);
        }
    }

    public async ValueTask<ApplyOutcome> ReplayAsync(ChangeRecord change, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var item = await ItemOfAsync(change, fo, dataverse, cancellationToken).ConfigureAwait(false);
        if (item.Error is not null)
        {
            throw new RecordRefusedException(item.Error);
        }

        return _context.Scope.IsLinked(_map, item.Key) ? await ApplyAsync(item, fo, dataverse, cancellationToken).ConfigureAwait(false) : ApplyOutcome.Skipped;
    }

    public string RecordKeyOf(Side side, object entity) =>
        RecordKeyOf(side == Side.Fo ? _map.GetFoKey((TFo)entity) : _map.GetDataverseKey((TDataverse)entity));

    public async ValueTask<string> RecordKeyOfAsync(ChangeRecord change, IEnvironmentTransaction source, CancellationToken cancellationToken) =>
        (change.Side == Side.Fo
            ? await ToItemAsync(_map.Fo, change, source, cancellationToken).ConfigureAwait(false)
            : await ToItemAsync(_map.Dataverse, change, source, cancellationToken).ConfigureAwait(false)).RecordKey;

    private static async ValueTask<IReadOnlyList<ChangeRecord>> ReadAsync<T>(IDualWriteEnvironment environment, EntityDescriptor<T> descriptor, long head, ISideCursors cursors, SyncResult result, CancellationToken cancellationToken)
        where T : class
    {
        var changes = await ChangeLogReads.ReadAllAsync(environment, descriptor.EntitySet!, cursors.Start, head, cancellationToken).ConfigureAwait(false);
        result.Read += changes.Count;
        return changes;
    }

    private static ValueTask<ChangeCount> CountAsync<T>(IDualWriteEnvironment environment, EntityDescriptor<T> descriptor, long head, ISideCursors cursors, CancellationToken cancellationToken)
        where T : class =>
        ChangeLogReads.CountAsync(environment, descriptor.EntitySet!, cursors.Start, head, cancellationToken);

    /// <summary>Keeps a change for this pass if it falls to this host (with several hosts: its record's partition is held and has not dealt with it).</summary>
    private static void AddInScope(List<Item> items, Item item, ISideCursors cursors)
    {
        if (InScope(item, cursors))
        {
            items.Add(item);
        }
    }

    private static bool InScope(Item item, ISideCursors cursors) => cursors.Includes(item.RecordKey, item.Change.Sequence);

    private async ValueTask<Item> ToItemAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, IEnvironmentTransaction transaction, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var entity = await transaction.MaterializeAsync(descriptor, change, cancellationToken).ConfigureAwait(false);
            var key = change.Side == Side.Fo ? _map.GetFoKey((TFo)(object)entity) : _map.GetDataverseKey((TDataverse)(object)entity);
            return new Item(change, entity, key, RecordKeyOf(key), null);
        }
        catch (Exception exception) when (exception is EnvironmentWriteException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            // Without its entity the record's key is unknown; the row's own key stands in so the change is not lost.
            return new Item(change, null, default, $"{change.Side}:{change.EntitySet}:{change.RowKey}".ToUpperInvariant(), $"The {change.Side} row could not be read: {exception.Message}");
        }
    }

    /// <summary>
    /// Finds, in one batch per target that finds in batches, the rows the items' changes will look up, so the finds that
    /// follow cost no round trip. Items that will look nothing up (unreadable, not linked, blocked, the runtime's own
    /// writes) are left out; a few extra rows (a conflict's losing side) cost nothing but their share of a query.
    /// </summary>
    private async ValueTask FindTargetsAsync(IReadOnlyList<Item> items, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var toDataverseAhead = _toDataverse is not null && FindsInBatches(Side.Dataverse);
        var toFoAhead = _toFo is not null && FindsInBatches(Side.Fo);
        if (!toDataverseAhead && !toFoAhead)
        {
            return;
        }

        List<IReadOnlyList<object?>>? toDataverse = null;
        List<IReadOnlyList<object?>>? toFo = null;
        foreach (var item in items)
        {
            if (item.Error is not null || item.Change.IsFromRuntime || blocked.Contains(item.RecordKey) || !_context.Scope.IsLinked(_map, item.Key))
            {
                continue;
            }

            if (item.Change.Side == Side.Fo)
            {
                AddKey(ref toDataverse, toDataverseAhead ? _toDataverse!.LookupKey(item.Change.Operation, (TFo)item.Entity!, item.Key) : null, items.Count);
            }
            else
            {
                AddKey(ref toFo, toFoAhead ? _toFo!.LookupKey(item.Change.Operation, (TDataverse)item.Entity!, item.Key) : null, items.Count);
            }
        }

        try
        {
            if (toDataverse is not null)
            {
                await _toDataverse!.FindManyAsync(toDataverse, dataverse, cancellationToken).ConfigureAwait(false);
            }

            if (toFo is not null)
            {
                await _toFo!.FindManyAsync(toFo, fo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
        {
            // One record's row could not be read: each change's own find reads it again, so the failure is that record's alone.
        }
    }

    private bool FindsInBatches(Side target) =>
        ChangeLogReads.Has(_context.Environment(target), EnvironmentCapabilities.BatchFinds);

    /// <summary>Adds a record's key to the keys to find in one batch, when it has one to find.</summary>
    private static void AddKey(ref List<IReadOnlyList<object?>>? keys, IReadOnlyList<object?>? key, int capacity)
    {
        if (key is not null)
        {
            (keys ??= new List<IReadOnlyList<object?>>(capacity)).Add(key);
        }
    }

    private async ValueTask SyncRecordAsync(string recordKey, List<Item> items, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        var foChanges = await PendingAsync(recordKey, items, Side.Fo, AppliedThrough(items, Side.Dataverse), blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
        var dataverseChanges = await PendingAsync(recordKey, items, Side.Dataverse, AppliedThrough(items, Side.Fo), blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);

        // A side whose changes alter none of the map's values has not changed for the map: it is no conflict.
        if (foChanges.Count > 0 && dataverseChanges.Count > 0)
        {
            foreach (var changes in new[] { foChanges, dataverseChanges })
            {
                if (!await ChangesMappedValuesAsync(changes, fo, dataverse, cancellationToken).ConfigureAwait(false))
                {
                    result.Skipped += changes.Count;
                    changes.Clear();
                }
            }
        }

        if (foChanges.Count == 0 && dataverseChanges.Count == 0)
        {
            return;
        }

        if (blocked.Contains(recordKey))
        {
            Park(recordKey, InOrder(foChanges.Concat(dataverseChanges)), 0, reason: null, SyncErrorKind.Value, update, result);
            return;
        }

        if (foChanges.Count > 0 && dataverseChanges.Count > 0 && Agree(foChanges[^1], dataverseChanges[^1]))
        {
            result.Unchanged += foChanges.Count + dataverseChanges.Count;
            return;
        }

        var toApply = foChanges.Count > 0 ? foChanges : dataverseChanges;
        if (foChanges.Count > 0 && dataverseChanges.Count > 0)
        {
            result.Conflicts++;
            _context.Metrics.Conflict(Name, _map.Conflict);
            var winner = _map.Conflict switch
            {
                ConflictPolicy.FoWins => Side.Fo,
                ConflictPolicy.DataverseWins => Side.Dataverse,

                // On a tie F&O wins, so both sides settle on the same version.
                ConflictPolicy.LatestWins => foChanges[^1].Change.ChangedAt >= dataverseChanges[^1].Change.ChangedAt ? Side.Fo : Side.Dataverse,
                _ => (Side?)null,
            };

            if (winner is null)
            {
                var ordered = InOrder(foChanges.Concat(dataverseChanges));
                var reason = $"Conflict: the record changed on both sides since the last sync (F&O at {foChanges[^1].Change.ChangedAt:o}, Dataverse at {dataverseChanges[^1].Change.ChangedAt:o}) and the map's conflict policy is 'fail'.";
                Fail(recordKey, ordered, 0, reason, SyncErrorKind.Conflict, blocked, update, result);
                return;
            }

            Log.ConflictResolved(_context.Logger, Name, recordKey, winner.Value, _map.Conflict);
            toApply = winner == Side.Fo ? foChanges : dataverseChanges;
            result.Skipped += winner == Side.Fo ? dataverseChanges.Count : foChanges.Count;
        }

        for (var i = 0; i < toApply.Count; i++)
        {
            var item = toApply[i];
            try
            {
                if (item.Error is not null)
                {
                    throw new RecordRefusedException(item.Error);
                }

                Count(item, await ApplyAsync(item, fo, dataverse, cancellationToken).ConfigureAwait(false), update, result);
            }
            catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
            {
                Fail(recordKey, toApply, i, exception.Message, FailureClassifier.KindOf(exception), blocked, update, result);
                return;
            }
        }
    }

    /// <summary>
    /// The last source change of the record that this map already wrote to <paramref name="target"/>, read from the tags of
    /// its writes there. After a crash between the target's commit and the state store's, the cursors are behind and the
    /// pass reads those changes again together with the writes they made; without the tags it would apply them a second
    /// time, an older version over a newer one.
    /// </summary>
    private long AppliedThrough(List<Item> items, Side target)
    {
        var through = 0L;
        foreach (var item in items)
        {
            if (item.Change.Side == target)
            {
                through = Math.Max(through, AppliedSequence(item.Change));
            }
        }

        return through;
    }

    /// <summary>
    /// The changes of one side that still have to flow: not the runtime's own writes, not changes already written to the
    /// other side (<paramref name="appliedThrough"/>), not changes of companies that are not linked. A run of changes
    /// followed by a save or by this map's write on the same side is settled here (<see cref="SettleOverwrittenAsync"/>): the
    /// write superseded them if it carried what they edited.
    /// </summary>
    private async ValueTask<List<Item>> PendingAsync(string recordKey, List<Item> items, Side side, long appliedThrough, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        var pending = new List<Item>();
        foreach (var item in items)
        {
            if (item.Change.Side != side)
            {
                continue;
            }

            if (item.Change.IsFromRuntime)
            {
                result.Skipped++;
                if (pending.Count > 0 && Concerns(item.Change))
                {
                    await SettleOverwrittenAsync(recordKey, pending, item.Change, blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
                    pending = new List<Item>();
                }
            }
            else if (item.Change.Sequence <= appliedThrough || (item.Error is null && !_context.Scope.IsLinked(_map, item.Key)))
            {
                result.Skipped++;
            }
            else
            {
                pending.Add(item);
            }
        }

        return pending;
    }

    /// <summary>The source sequence a write of this map carries in its origin tag; 0 for other writes.</summary>
    private long AppliedSequence(ChangeRecord change) => AppliedSequence(change.Origin);

    private long AppliedSequence(string? tag) =>
        tag is { } origin && origin.StartsWith(_originPrefix, StringComparison.Ordinal)
            && long.TryParse(origin.AsSpan(_originPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;

    private static string OriginPrefix(string map) => "dualwrite:" + map + "#";

    private ValueTask<ApplyOutcome> ApplyAsync(Item item, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var change = item.Change;
        var isNew = change.Operation == ChangeOperation.Insert;
        new BySide<IEnvironmentTransaction>(fo, dataverse)[SideRules.Other(change.Side)].SetOrigin(_originPrefix + change.Sequence.ToString(CultureInfo.InvariantCulture));
        ValueTask CompanyKept() => CheckCompanyKeptAsync(item, fo, dataverse, cancellationToken);
        return change.Side == Side.Fo
            ? _toDataverse!.ApplyAsync(change.Operation, (TFo)item.Entity!, item.Key, isNew, dataverse, CompanyKept, cancellationToken)
            : _toFo!.ApplyAsync(change.Operation, (TDataverse)item.Entity!, item.Key, isNew, fo, CompanyKept, cancellationToken);
    }

    private void Count(Item item, ApplyOutcome outcome, StateUpdate update, SyncResult result)
    {
        Applied(item, outcome);
        update.Record(Name, item.RecordKey, outcome.AsHistory(), item.Change);
        switch (outcome)
        {
            case ApplyOutcome.Written:
                result.Synced++;
                _context.Metrics.Synced(Name, SideRules.Direction(item.Change.Side), item.Change.ChangedAt);
                break;
            case ApplyOutcome.Unchanged:
                result.Unchanged++;
                break;
            default:
                result.Skipped++;
                break;
        }
    }

    private void Fail(string recordKey, IReadOnlyList<Item> items, int failed, string reason, SyncErrorKind kind, HashSet<string> blocked, StateUpdate update, SyncResult result)
    {
        var change = items[failed].Change;
        result.Failed++;
        _context.Metrics.Failed(Name, SideRules.Direction(change.Side));
        Log.ChangeFailed(_context.Logger, Name, recordKey, change.Operation.ToString(), change.Side, reason);
        Park(recordKey, items, failed, reason, kind, update, result);
        _context.Failures.Record(Name, kind);
        blocked.Add(recordKey);
    }

    private void Park(string recordKey, IReadOnlyList<Item> items, int from, string? reason, SyncErrorKind kind, StateUpdate update, SyncResult result)
    {
        update.Enqueue(Name, recordKey, items[from].Change, reason, kind);
        if (reason is null)
        {
            result.Queued++;
        }

        for (var i = from + 1; i < items.Count; i++)
        {
            update.Enqueue(Name, recordKey, items[i].Change, reason: null);
            result.Queued++;
        }
    }

    private static List<Item> InOrder(IEnumerable<Item> items) =>
        items.OrderBy(i => i.Change.ChangedAt).ThenBy(i => i.Change.Side).ThenBy(i => i.Change.Sequence).ToList();

    private static string RecordKeyOf(IntegrationKey key) => key.ToString().ToUpperInvariant();

    private readonly record struct Item(ChangeRecord Change, object? Entity, IntegrationKey Key, string RecordKey, string? Error);
}
