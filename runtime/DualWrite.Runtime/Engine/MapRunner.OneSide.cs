using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// The pass of a map whose window holds ordinary changes on one side only (the other side holds none, or only the
/// runtime's writes): the common case, and the one of bulk loads. No record can be in conflict, so the ordinary changes
/// need not be grouped by record first; they stream in pages and each is applied in order, with what the runtime's
/// writes decide per record read beforehand. The outcome is the grouped pass's, change for change.
/// </summary>
internal sealed partial class MapRunner<TFo, TDataverse>
{
    // Large enough that a page's query costs nothing per change, small enough that a page's entities die young.
    private const int PageSize = 1_000;

    private void SyncOneSide(SideWindow source, SideWindow other, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, PartitionScope? scope)
    {
        // A runtime write on the source side carried the record's synced state (a live save, or the other side winning a
        // conflict): the source's changes before it are superseded. The other side's writes tagged by this map say which
        // source changes were already written there (a crash between the environments' commit and the state store's).
        var supersededThrough = source.HasRuntimeWrites
            ? RuntimeWrites(source, fo, dataverse, result, scope, change => change.Sequence)
            : null;
        var appliedThrough = other.HasRuntimeWrites
            ? RuntimeWrites(other, fo, dataverse, result, scope, AppliedSequence)
            : null;

        var blocked = new HashSet<string>(_context.State.GetBlockedRecords(Name), StringComparer.Ordinal);
        // A target that reads ahead gets a page's keys before the page is applied; otherwise each change streams through.
        var readsAhead = (source.Side == Side.Fo ? dataverse : fo).ReadsAhead;
        var items = new List<Item>(readsAhead ? PageSize : 0);
        foreach (var page in Pages(source, ChangeOrigins.Ordinary, result))
        {
            if (!readsAhead)
            {
                foreach (var change in page)
                {
                    var item = ItemOf(change, fo, dataverse);
                    if (InScope(item, scope, source.PartitionCursors))
                    {
                        ApplyInPass(item, supersededThrough, appliedThrough, blocked, fo, dataverse, update, result);
                    }
                }

                continue;
            }

            items.Clear();
            foreach (var change in page)
            {
                AddInScope(items, ItemOf(change, fo, dataverse), scope, source.PartitionCursors);
            }

            Prefetch(items, blocked, fo, dataverse);
            foreach (var item in items)
            {
                ApplyInPass(item, supersededThrough, appliedThrough, blocked, fo, dataverse, update, result);
            }
        }
    }

    /// <summary>Applies one change of the pass, unless a runtime write superseded it or its record waits in the error list.</summary>
    private void ApplyInPass(Item item, Dictionary<string, long>? supersededThrough, Dictionary<string, long>? appliedThrough, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result)
    {
        var change = item.Change;
        var recordKey = item.RecordKey;
        if (change.Sequence <= Through(supersededThrough, recordKey) || change.Sequence <= Through(appliedThrough, recordKey)
            || (item.Error is null && !_context.IsLinked(_map, item.Key)))
        {
            result.Skipped++;
            return;
        }

        if (blocked.Contains(recordKey))
        {
            Park(recordKey, new[] { item }, 0, reason: null, SyncErrorKind.Value, update, result);
            return;
        }

        try
        {
            if (item.Error is { } error)
            {
                throw new RecordRefusedException(error);
            }

            Count(item, Apply(item, fo, dataverse), result);
        }
        catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
        {
            Fail(recordKey, new[] { item }, 0, exception.Message, FailureClassifier.KindOf(exception), blocked, update, result);
        }
    }

    /// <summary>Per record, the highest value <paramref name="valueOf"/> gives the runtime's writes of a side; those writes are skipped.</summary>
    private Dictionary<string, long> RuntimeWrites(SideWindow window, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, SyncResult result, PartitionScope? scope, Func<ChangeRecord, long> valueOf)
    {
        var through = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var change in Pages(window, ChangeOrigins.Runtime, result).SelectMany(page => page))
        {
            var item = ItemOf(change, fo, dataverse);
            if (!InScope(item, scope, window.PartitionCursors))
            {
                continue;
            }

            result.Skipped++;
            var value = valueOf(change);
            if (value > 0 && (!through.TryGetValue(item.RecordKey, out var known) || value > known))
            {
                through[item.RecordKey] = value;
            }
        }

        return through;
    }

    private static long Through(Dictionary<string, long>? through, string recordKey) =>
        through is not null && through.TryGetValue(recordKey, out var sequence) ? sequence : 0;

    /// <summary>The window's changes of the kind <paramref name="origins"/> selects, a page at a time.</summary>
    private IEnumerable<IReadOnlyList<ChangeRecord>> Pages(SideWindow window, ChangeOrigins origins, SyncResult result)
    {
        var environment = window.Side == Side.Fo ? _context.Fo : _context.Dataverse;
        var entitySet = window.Side == Side.Fo ? _map.Fo.EntitySet! : _map.Dataverse.EntitySet!;
        var after = StartOf(window.Side, window.Head, window.PartitionCursors);
        while (true)
        {
            var page = environment.ReadChanges(entitySet, after, window.Head, origins, PageSize);
            result.Read += page.Count;
            yield return page;

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    private Item ItemOf(ChangeRecord change, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse) =>
        change.Side == Side.Fo ? ToItem(_map.Fo, change, fo) : ToItem(_map.Dataverse, change, dataverse);

    /// <summary>A side's part of a pass: its head, the cursors of the partitions held (with several hosts), and whether it holds runtime writes.</summary>
    private readonly record struct SideWindow(Side Side, long Head, Dictionary<int, long>? PartitionCursors, bool HasRuntimeWrites);
}
