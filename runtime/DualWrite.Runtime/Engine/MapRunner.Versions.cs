using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Saves;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// What a change altered for this map, read from the change log's images: a side has changed for the map only if a
/// value the map carries changed; a runtime write supersedes only the versions whose mapped values it carried; a
/// synced record's company is fixed.
/// </summary>
internal sealed partial class MapRunner<TFo, TDataverse>
{
    public async ValueTask<bool> ChangesMappedValuesAsync(IReadOnlyList<ChangeRecord> changes, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var items = new List<Item>(changes.Count);
        foreach (var change in changes)
        {
            items.Add(await ItemOfAsync(change, fo, dataverse, cancellationToken).ConfigureAwait(false));
        }

        return await ChangesMappedValuesAsync(items, fo, dataverse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a side's changes of one record (in order) alter any value this map carries. An insert or a delete always
    /// does; so does a change whose earlier version the log does not hold, or that cannot be read.
    /// </summary>
    private async ValueTask<bool> ChangesMappedValuesAsync(IReadOnlyList<Item> changes, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        if (changes.Any(i => i.Error is not null || i.Change.Operation != ChangeOperation.Update))
        {
            return true;
        }

        return await BeforeAsync(changes[0], fo, dataverse, cancellationToken).ConfigureAwait(false) is not { } before || MappedDifferences(before, changes[^1]).Count > 0;
    }

    /// <summary>
    /// Whether the latest versions of a record on both sides already agree on every value the map carries, both ways: then
    /// neither side has anything to give the other and there is no conflict. A late write of the runtime's own that the
    /// change feed could not recognise as such (over HTTP, a request that timed out and ran afterwards) looks like this.
    /// </summary>
    private bool Agree(Item fo, Item dataverse) =>
        fo.Error is null && dataverse.Error is null
        && fo.Change.Operation != ChangeOperation.Delete && dataverse.Change.Operation != ChangeOperation.Delete
        && _toDataverse!.Holds((TFo)fo.Entity!, (TDataverse)dataverse.Entity!)
        && _toFo!.Holds((TDataverse)dataverse.Entity!, (TFo)fo.Entity!);

    /// <summary>The row's version before <paramref name="item"/>'s change, read from the change log; null when unknown, deleted or unreadable.</summary>
    private async ValueTask<Item?> BeforeAsync(Item item, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        var environment = _context.Environment(item.Change.Side);
        var previous = await ChangeLogReads.PreviousAsync(environment, item.Change.EntitySet, item.Change.RowKey, item.Change.Sequence, cancellationToken).ConfigureAwait(false);
        if (previous is null || previous.Operation == ChangeOperation.Delete)
        {
            return null;
        }

        var before = await ItemOfAsync(previous, fo, dataverse, cancellationToken).ConfigureAwait(false);
        return before.Error is null ? before : null;
    }

    /// <summary>The target fields this map writes differently for two versions of one source record (see <see cref="Flow{TSource, TTarget}.MappedDifferences"/>).</summary>
    private IReadOnlyList<string> MappedDifferences(Item before, Item after) =>
        after.Change.Side == Side.Fo
            ? _toDataverse!.MappedDifferences((TFo)before.Entity!, (TFo)after.Entity!)
            : _toFo!.MappedDifferences((TDataverse)before.Entity!, (TDataverse)after.Entity!);

    /// <summary>
    /// Whether a runtime write on a side decides the fate of that side's earlier changes for this map: a tightly-coupled
    /// save (the application's own newer version, already written to both sides) or this map's own write. Another map's
    /// write carried that map's fields, not this one's.
    /// </summary>
    private bool Concerns(ChangeRecord write) =>
        write.Origin is not null
        && (write.Origin == CoupledSaves.LiveOrigin || write.Origin == "dualwrite:" + Name || write.Origin.StartsWith(_originPrefix, StringComparison.Ordinal)
            || write.Origin == "dualwrite:initial-sync:" + Name);

    /// <summary>
    /// Settles a record's run of ordinary changes on one side that a later runtime write (<paramref name="write"/>) on the
    /// same side followed. A save superseded them. This map's write superseded them if it carried the values they
    /// edited; otherwise it overwrote an edit that had not synced yet (it landed while the pass ran, or over HTTP between
    /// a read and a write). The overwritten values are then written back and flow to the other side, unless the write's
    /// own change edited the same fields: that is a conflict, which the map's policy settles.
    /// </summary>
    private async ValueTask SettleOverwrittenAsync(string recordKey, List<Item> run, ChangeRecord write, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        var written = await ItemOfAsync(write, fo, dataverse, cancellationToken).ConfigureAwait(false);
        var latest = run[^1];
        if (write.Origin == CoupledSaves.LiveOrigin || written.Error is not null || run.Any(i => i.Error is not null))
        {
            result.Skipped += run.Count;
            return;
        }

        var before = await BeforeAsync(run[0], fo, dataverse, cancellationToken).ConfigureAwait(false);
        var differences = MappedDifferences(latest, written);
        var edited = before is null ? differences : MappedDifferences(before.Value, latest);
        var overwritten = differences.Where(edited.Contains).ToList();
        if (overwritten.Count == 0)
        {
            result.Skipped += run.Count;
            return;
        }

        if (blocked.Contains(recordKey))
        {
            Park(recordKey, run, 0, reason: null, SyncErrorKind.Value, update, result);
            return;
        }

        var theirs = before is null ? overwritten : MappedDifferences(before.Value, written);
        if (overwritten.Any(theirs.Contains))
        {
            var side = latest.Change.Side;
            result.Conflicts++;
            _context.Metrics.Conflict(Name, _map.Conflict);
            var carriedAt = await CarriedChangeTimeAsync(write, cancellationToken).ConfigureAwait(false) ?? write.ChangedAt;
            var winner = _map.Conflict switch
            {
                ConflictPolicy.FoWins => Side.Fo,
                ConflictPolicy.DataverseWins => Side.Dataverse,
                ConflictPolicy.LatestWins => (side == Side.Fo ? latest.Change.ChangedAt >= carriedAt : latest.Change.ChangedAt > carriedAt) ? side : SideRules.Other(side),
                _ => (Side?)null,
            };
            if (winner is null)
            {
                var reason = $"Conflict: the record's {side} change at {latest.Change.ChangedAt:o} was overwritten by the runtime's write of a {SideRules.Other(side)} change at {carriedAt:o} that edited the same fields ({string.Join(", ", overwritten)}), and the map's conflict policy is 'fail'.";
                Fail(recordKey, run, 0, reason, SyncErrorKind.Conflict, blocked, update, result);
                return;
            }

            Log.ConflictResolved(_context.Logger, Name, recordKey, winner.Value, _map.Conflict);
            if (winner != side)
            {
                result.Skipped += run.Count;
                return;
            }
        }

        result.Skipped += run.Count - 1;
        await RestoreAsync(recordKey, before, latest, written, blocked, fo, dataverse, update, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the values <paramref name="latest"/> edited back over <paramref name="written"/> on their side, and sends the merged version to the other side.</summary>
    private async ValueTask RestoreAsync(string recordKey, Item? before, Item latest, Item written, HashSet<string> blocked, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        try
        {
            var merged = latest.Change.Side == Side.Fo
                ? await RewriteMergedAsync(_map.Fo, _map.FoKeyPaths, before, latest, written, fo, cancellationToken).ConfigureAwait(false)
                : await RewriteMergedAsync(_map.Dataverse, _map.DataverseKeyPaths, before, latest, written, dataverse, cancellationToken).ConfigureAwait(false);
            Count(latest, await ApplyAsync(latest with { Entity = merged, Change = latest.Change with { Operation = ChangeOperation.Update } }, fo, dataverse, cancellationToken).ConfigureAwait(false), update, result);
        }
        catch (Exception exception) when (RecordRefusedException.IsRecordFailure(exception))
        {
            Fail(recordKey, new[] { latest }, 0, exception.Message, Retries.FailureClassifier.KindOf(exception), blocked, update, result);
        }
    }

    /// <summary>The written version with the values <paramref name="latest"/> edited since <paramref name="before"/> (all its values, when that is unknown).</summary>
    private static T Merge<T>(EntityDescriptor<T> descriptor, T? before, T latest, T written)
        where T : class
    {
        var merged = EntityValues.Copy(descriptor, written);
        var edited = EntityValues.Changed(descriptor, before ?? written, latest);
        foreach (var name in edited)
        {
            var property = descriptor.Find(name)!;
            property.CopyValue(latest, merged);
        }

        return merged;
    }

    /// <summary>Merges <paramref name="latest"/>'s edits into <paramref name="written"/> (see <see cref="Merge{T}"/>), writes the result on their side and returns it.</summary>
    private async ValueTask<object> RewriteMergedAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, Item? before, Item latest, Item written, IEnvironmentTransaction transaction, CancellationToken cancellationToken)
        where T : class
    {
        var merged = Merge(descriptor, (T?)before?.Entity, (T)latest.Entity!, (T)written.Entity!);
        await RewriteAsync(descriptor, keyPaths, latest.Key, (T)written.Entity!, merged, transaction, cancellationToken).ConfigureAwait(false);
        return merged;
    }

    private async ValueTask RewriteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IntegrationKey key, T written, T merged, IEnvironmentTransaction transaction, CancellationToken cancellationToken)
        where T : class
    {
        var changed = EntityValues.Changed(descriptor, written, merged);
        if (changed.Count > 0)
        {
            // Untagged by a source sequence: it carries no change of the other side.
            transaction.SetOrigin("dualwrite:" + Name);
            await transaction.UpdateAsync(descriptor, keyPaths, IntegrationKeys.Values(_map, key), merged, changed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>When the other side's change that <paramref name="write"/> carried was made, if its tag names it and the log still holds it.</summary>
    private async ValueTask<DateTimeOffset?> CarriedChangeTimeAsync(ChangeRecord write, CancellationToken cancellationToken)
    {
        // Not in the if: Stryker wraps a mutated if in a block, which would take the out variable out of scope.
        var tagged = OriginTag.TryParse(Name, write.Origin, out var sequence);
        if (!tagged)
        {
            return null;
        }

        var source = _context.Environment(SideRules.Other(write.Side));
        var entitySet = SideRules.EntitySetOf(_map, SideRules.Other(write.Side));
        var carried = await ChangeLogReads.ReadAllAsync(source, entitySet, sequence - 1, sequence, cancellationToken).ConfigureAwait(false);
        return carried.Count == 1 ? carried[0].ChangedAt : null;
    }

    /// <summary>
    /// Refuses an update of a synced record that moved it to another company (its integration key's company changed
    /// while its row stayed): the other side would get a second record and keep the first. Called when the change's
    /// target row is missing, which is how such a move shows.
    /// </summary>
    private async ValueTask CheckCompanyKeptAsync(Item item, IEnvironmentTransaction fo, IEnvironmentTransaction dataverse, CancellationToken cancellationToken)
    {
        if (_map.Company != CompanyScope.Striped)
        {
            return;
        }

        var before = await BeforeAsync(item, fo, dataverse, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return;
        }

        var company = item.Key.Company;
        var was = before.Value.Key;
        if (!string.Equals(company, was.Company, StringComparison.OrdinalIgnoreCase) && _context.Scope.IsLinked(_map, was))
        {
            throw new RecordRefusedException(
                $"The record {was} moved to company '{company}' on {SideRules.Name(item.Change.Side)}; a synced record's company is fixed (as in dual-write), so the change is refused. Set the company back, or create the record in '{company}' and delete the old one.");
        }
    }

}
