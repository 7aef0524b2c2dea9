using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Passes;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Engine.Saves;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Engine.WorkScopes;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// The pass of a map whose window holds ordinary changes on one side only (the other side holds none, or only the
/// runtime's writes): the common case, and the one of bulk loads. No record can be in conflict, so the ordinary changes
/// need not be grouped by record first; they stream in pages and each is applied in order, with what the runtime's
/// writes decide per record read beforehand. The outcome is the grouped pass's, change for change. The pass stops after
/// <see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/> changes, as a pass run when the head stood there would have:
/// its cursor stays at the last change it dealt with, and the next pass goes on from it.
/// </summary>
internal sealed partial class MapRunner<TFo, TDataverse>
{
    // Large enough that a page's query costs nothing per change, small enough that a page's entities die young.
    private const int PageSize = 1_000;

    private async ValueTask<CapStop?> SyncOneSideAsync(SideWindow source, SideWindow other, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        // A save or this map's write on the source side decides the source's changes before it (see SettleOverwritten):
        // read through the head, not the cap, since a write beyond the cap decides changes before it.
        // The other side's writes tagged by this map say which source changes were already written there (a crash
        // between the environments' commit and the state store's).
        var writes = source.HasRuntimeWrites ? await SourceWritesAsync(source, fo, dataverse, result, cancellationToken).ConfigureAwait(false) : null;
        var appliedThrough = other.HasRuntimeWrites ? await AppliedThroughOfAsync(other, source.Cursors.Start, fo, dataverse, result, cancellationToken).ConfigureAwait(false) : null;

        var blocked = new HashSet<string>(_context.State.GetBlockedRecords(Name), StringComparer.Ordinal);
        var pass = new OneSidePass(writes, appliedThrough, blocked, update, result);

        // The other side's cursor moves to its head, past the tagged writes: the step must not stop before a change they
        // carried, or a crashed step's writes made with a larger cap would be forgotten and their changes applied twice.
        var floor = appliedThrough is { Count: > 0 } ? appliedThrough.Values.Max() : 0;
        var after = source.Cursors.Start;
        var budget = _context.MaxChangesPerPass;
        CapStop? stop = null;
        while (true)
        {
            var read = 0;
            await foreach (var page in PagesAsync(source, after, ChangeOrigins.Ordinary, budget, result, cancellationToken).ConfigureAwait(false))
            {
                read += page.Count;
                if (page.Count > 0)
                {
                    after = page[^1].Sequence;
                }

                await ApplyPageAsync(page, source, pass, fo, dataverse, cancellationToken).ConfigureAwait(false);
            }

            // Fewer than asked: the head is reached (more than asked: an environment that reads whole ranges gave them all).
            if (read != budget)
            {
                break;
            }

            if (after >= floor && !SplitsRun(pass, after))
            {
                stop = new CapStop(source.Side, after);
                break;
            }

            budget = PageSize;
        }

        foreach (var (recordKey, run) in pass.Runs.OrderBy(r => r.Value.Items[0].Change.Sequence).ToList())
        {
            await SettleRunAsync(recordKey, run, pass, fo, dataverse, cancellationToken).ConfigureAwait(false);
        }

        if (stop is { } capped)
        {
            source.Cursors.MoveTo(update, capped.Sequence);
        }

        return stop;
    }

    /// <summary>Applies a page of the source's ordinary changes in order; a target that finds in batches gets the page's keys first.</summary>
    private async ValueTask ApplyPageAsync(IReadOnlyList<ChangeRecord> page, SideWindow source, OneSidePass pass, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        if (!FindsInBatches(SideRules.Other(source.Side)))
        {
            foreach (var change in page)
            {
                var item = await ItemOfAsync(change, fo, dataverse, cancellationToken).ConfigureAwait(false);
                if (InScope(item, source.Cursors))
                {
                    await ApplyInPassAsync(item, pass, fo, dataverse, cancellationToken).ConfigureAwait(false);
                }
            }

            return;
        }

        var items = new List<Item>(page.Count);
        foreach (var change in page)
        {
            AddInScope(items, await ItemOfAsync(change, fo, dataverse, cancellationToken).ConfigureAwait(false), source.Cursors);
        }

        await FindTargetsAsync(items, pass.Blocked, fo, dataverse, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            await ApplyInPassAsync(item, pass, fo, dataverse, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether stopping after <paramref name="sequence"/> would cut a record's run that a write beyond it decides. Settled in
    /// two steps, the second would merge only its own changes over that write, undoing what the first restored. A save
    /// supersedes a run whatever its length, so only this map's writes count; the step reads on past them.
    /// </summary>
    private static bool SplitsRun(OneSidePass pass, long sequence) =>
        pass.Runs.Values.Any(r => r.Write.Sequence > sequence && r.Write.Origin != CoupledSaves.LiveOrigin);

    /// <summary>
    /// Applies one change of the pass, unless this map already wrote it, its record waits in the error list, or a later
    /// runtime write on its side decides it: then it joins that record's run, settled when the run ends.
    /// </summary>
    private async ValueTask ApplyInPassAsync(Item item, OneSidePass pass, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var change = item.Change;
        var recordKey = item.RecordKey;
        var result = pass.Result;
        if (change.Sequence <= Through(pass.AppliedThrough, recordKey) || (item.Error is null && !_context.Scope.IsLinked(_map, item.Key)))
        {
            result.Skipped++;
            return;
        }

        var write = pass.Writes is not null && pass.Writes.TryGetValue(recordKey, out var writes) ? writes.Find(w => w.Sequence > change.Sequence) : null;
        if (pass.Runs.TryGetValue(recordKey, out var run) && run.Write != write)
        {
            await SettleRunAsync(recordKey, run, pass, fo, dataverse, cancellationToken).ConfigureAwait(false);
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

            Count(item, await ApplyAsync(item, fo, dataverse, cancellationToken).ConfigureAwait(false), pass.Update, result);
        }
        catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
        {
            Fail(recordKey, new[] { item }, 0, exception.Message, FailureClassifier.KindOf(exception), pass.Blocked, pass.Update, result);
        }
    }

    private ValueTask SettleRunAsync(string recordKey, Run run, OneSidePass pass, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        pass.Runs.Remove(recordKey);
        return SettleOverwrittenAsync(recordKey, run.Items, run.Write, pass.Blocked, fo, dataverse, pass.Update, pass.Result, cancellationToken);
    }

    /// <summary>Per record, the source side's runtime writes that decide earlier changes for this map (saves and its own writes), in order.</summary>
    private async ValueTask<Dictionary<string, List<ChangeRecord>>> SourceWritesAsync(SideWindow window, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, SyncResult result, CancellationToken cancellationToken)
    {
        var writes = new Dictionary<string, List<ChangeRecord>>(StringComparer.Ordinal);
        await foreach (var change in ChangesAsync(window, ChangeOrigins.Runtime, result, cancellationToken).ConfigureAwait(false))
        {
            var item = await ItemOfAsync(change, fo, dataverse, cancellationToken).ConfigureAwait(false);
            if (!InScope(item, window.Cursors))
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

    /// <summary>
    /// Per record, the last source change this map's writes on the other side carried, when it lies after
    /// <paramref name="sourceStart"/>; those changes are skipped.
    /// </summary>
    private async ValueTask<Dictionary<string, long>> AppliedThroughOfAsync(SideWindow window, long sourceStart, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, SyncResult result, CancellationToken cancellationToken)
    {
        var through = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var change in ChangesAsync(window, ChangeOrigins.Runtime, result, cancellationToken).ConfigureAwait(false))
        {
            // A write that carried a change at or before the source's cursor skips none of the changes this step reads,
            // which all come after it: such are the writes of the steps before (all of them, unless one crashed between
            // its commits). Its record is read only when the host needs it to tell whether the write is its own.
            var value = AppliedSequence(change);
            if (value <= sourceStart && window.Cursors.IncludesEvery(change.Sequence))
            {
                result.Skipped++;
                continue;
            }

            var item = await ItemOfAsync(change, fo, dataverse, cancellationToken).ConfigureAwait(false);
            if (!InScope(item, window.Cursors))
            {
                continue;
            }

            result.Skipped++;
            if (value > 0 && (!through.TryGetValue(item.RecordKey, out var known) || value > known))
            {
                through[item.RecordKey] = value;
            }
        }

        return through;
    }

    private static long Through(Dictionary<string, long>? through, string recordKey) =>
        through is not null && through.TryGetValue(recordKey, out var sequence) ? sequence : 0;

    /// <summary>The window's changes after <paramref name="after"/> of the kind <paramref name="origins"/> selects, a page at a time, <paramref name="max"/> at most.</summary>
    private async IAsyncEnumerable<IReadOnlyList<ChangeRecord>> PagesAsync(SideWindow window, long after, ChangeOrigins origins, long max, SyncResult result, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var environment = _context.Environment(window.Side);
        var entitySet = SideRules.EntitySetOf(_map, window.Side);
        var taken = 0L;
        while (true)
        {
            var limit = (int)Math.Min(PageSize, max - taken);
            var page = await ChangeLogReads.ReadPageAsync(environment, entitySet, after, window.Head, origins, limit, cancellationToken).ConfigureAwait(false);
            result.Read += page.Count;
            taken += page.Count;
            yield return page;

            if (page.Count < limit || taken >= max)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>The window's changes of the kind <paramref name="origins"/> selects, one at a time.</summary>
    private async IAsyncEnumerable<ChangeRecord> ChangesAsync(SideWindow window, ChangeOrigins origins, SyncResult result, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(window, window.Cursors.Start, origins, long.MaxValue, result, cancellationToken).ConfigureAwait(false))
        {
            foreach (var change in page)
            {
                yield return change;
            }
        }
    }

    private ValueTask<Item> ItemOfAsync(ChangeRecord change, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken) =>
        change.Side == Side.Fo ? ToItemAsync(_map.Fo, change, fo, cancellationToken) : ToItemAsync(_map.Dataverse, change, dataverse, cancellationToken);

    /// <summary>A side's part of a pass: its head, where this host stands on it, and whether it holds runtime writes.</summary>
    private readonly record struct SideWindow(Side Side, long Head, ISideCursors Cursors, bool HasRuntimeWrites);

    /// <summary>A record's changes that a later runtime write on their side decides, gathered until the run ends.</summary>
    private sealed record Run(ChangeRecord Write, List<Item> Items);

    /// <summary>What a one-sided pass carries from change to change.</summary>
    private sealed record OneSidePass(Dictionary<string, List<ChangeRecord>>? Writes, Dictionary<string, long>? AppliedThrough, HashSet<string> Blocked, StateUpdate Update, SyncResult Result)
    {
        public Dictionary<string, Run> Runs { get; } = new(StringComparer.Ordinal);
    }
}
