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
        // A save or this map's write on the source side decides the source's changes before it (see SettleOverwritten).
        // The other side's writes tagged by this map say which source changes were already written there (a crash
        // between the environments' commit and the state store's).
        var writes = source.HasRuntimeWrites ? SourceWrites(source, fo, dataverse, result, scope) : null;
        var appliedThrough = other.HasRuntimeWrites ? AppliedThroughOf(other, fo, dataverse, result, scope) : null;

        var blocked = new HashSet<string>(_context.State.GetBlockedRecords(Name), StringComparer.Ordinal);
        var pass = new OneSidePass(writes, appliedThrough, blocked, update, result);

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
                        ApplyInPass(item, pass, fo, dataverse);
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
                ApplyInPass(item, pass, fo, dataverse);
            }
        }

        foreach (var (recordKey, run) in pass.Runs.OrderBy(r => r.Value.Items[0].Change.Sequence).ToList())
        {
            SettleRun(recordKey, run, pass, fo, dataverse);
        }
    }

    /// <summary>
    /// Applies one change of the pass, unless this map already wrote it, its record waits in the error list, or a later
    /// runtime write on its side decides it: then it joins that record's run, settled when the run ends.
    /// </summary>
    private void ApplyInPass(Item item, OneSidePass pass, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse)
    {
        var change = item.Change;
        var recordKey = item.RecordKey;
        var result = pass.Result;
        if (change.Sequence <= Through(pass.AppliedThrough, recordKey) || (item.Error is null && !_context.IsLinked(_map, item.Key)))
        {
            result.Skipped++;
            return;
        }

        var write = pass.Writes is not null && pass.Writes.TryGetValue(recordKey, out var writes) ? writes.Find(w => w.Sequence > change.Sequence) : null;
        if (pass.Runs.TryGetValue(recordKey, out var run) && run.Write != write)
        {
            SettleRun(recordKey, run, pass, fo, dataverse);
        }

        if (write is not null)
        {
            if (!pass.Runs.TryGetValue(recordKey, out run))
            {
                pass.Runs[recordKey] = run = new Run(write, new List<Item>());
            }

            run.Items.Add(item);
            return;
        }

        if (pass.Blocked.Contains(recordKey))
        {
            Park(recordKey, new[] { item }, 0, reason: null, SyncErrorKind.Value, pass.Update, result);
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
            Fail(recordKey, new[] { item }, 0, exception.Message, FailureClassifier.KindOf(exception), pass.Blocked, pass.Update, result);
        }
    }

    private void SettleRun(string recordKey, Run run, OneSidePass pass, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse)
    {
        pass.Runs.Remove(recordKey);
        SettleOverwritten(recordKey, run.Items, run.Write, pass.Blocked, fo, dataverse, pass.Update, pass.Result);
    }

    /// <summary>Per record, the source side's runtime writes that decide earlier changes for this map (saves and its own writes), in order.</summary>
    private Dictionary<string, List<ChangeRecord>> SourceWrites(SideWindow window, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, SyncResult result, PartitionScope? scope)
    {
        var writes = new Dictionary<string, List<ChangeRecord>>(StringComparer.Ordinal);
        foreach (var change in Pages(window, ChangeOrigins.Runtime, result).SelectMany(page => page))
        {
            var item = ItemOf(change, fo, dataverse);
            if (!InScope(item, scope, window.PartitionCursors))
            {
                continue;
            }

            result.Skipped++;
            if (Concerns(change))
            {
                if (!writes.TryGetValue(item.RecordKey, out var list))
                {
                    writes[item.RecordKey] = list = new List<ChangeRecord>();
                }

                list.Add(change);
            }
        }

        return writes;
    }

    /// <summary>Per record, the last source change this map's writes on the other side carried; those changes are skipped.</summary>
    private Dictionary<string, long> AppliedThroughOf(SideWindow window, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, SyncResult result, PartitionScope? scope)
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
            var value = AppliedSequence(change);
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

    /// <summary>A record's changes that a later runtime write on their side decides, gathered until the run ends.</summary>
    private sealed record Run(ChangeRecord Write, List<Item> Items);

    /// <summary>What a one-sided pass carries from change to change.</summary>
    private sealed record OneSidePass(Dictionary<string, List<ChangeRecord>>? Writes, Dictionary<string, long>? AppliedThrough, HashSet<string> Blocked, StateUpdate Update, SyncResult Result)
    {
        public Dictionary<string, Run> Runs { get; } = new(StringComparer.Ordinal);
    }
}
