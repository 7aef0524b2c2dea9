using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.InitialSync;

/// <summary>One map's initial sync, made typed through the map's visitor.</summary>
internal interface IInitialSyncMapRunner
{
    IDualWriteMap Map { get; }

    /// <summary>Merges both sides in key order after the step's checkpoint and writes what is missing or different, batch by batch.</summary>
    ValueTask RunAsync(InitialSyncSession session, InitialSyncStepRun step);

    /// <summary>Syncs one record again, found by its key on both sides; returns the reason when it fails again.</summary>
    ValueTask<string?> RetryAsync(InitialSyncSession session, InitialSyncPass pass, IntegrationKey key);
}

/// <summary>
/// The merge of one map. Both sides stream in integration-key order; equal keys (ignoring case, the company first for
/// a striped map) are the same record. A record in scope on one side only flows to the other; in scope on both, the
/// master's version wins. In scope means: a linked company, a direction that lets that side's records flow, and the
/// side's source filter. Existing records are not checked against number sequences: they exist already.
/// </summary>
internal sealed class InitialSyncMapRunner<TFo, TDataverse> : IInitialSyncMapRunner
    where TFo : class
    where TDataverse : class
{
    private readonly IDualWriteMap<TFo, TDataverse> _map;
    private readonly IReadOnlyList<EntityProperty<TDataverse>> _cyclicLookups;
    private readonly string _origin;

    public InitialSyncMapRunner(IDualWriteMap<TFo, TDataverse> map, IReadOnlyCollection<string> cyclicLookups, string origin)
    {
        _map = map;
        _cyclicLookups = map.Dataverse.TypedProperties.Where(p => cyclicLookups.Contains(p.Name)).ToList();
        _origin = origin;
    }

    public IDualWriteMap Map => _map;

    public async ValueTask RunAsync(InitialSyncSession session, InitialSyncStepRun step)
    {
        var foRows = session.Fo.ReadInKeyOrderAsync(_map.Fo, _map.FoKeyPaths, step.After, session.CancellationToken).GetAsyncEnumerator(session.CancellationToken);
        await using var foRowsScope = foRows.ConfigureAwait(false);
        var dataverseRows = session.Dataverse.ReadInKeyOrderAsync(_map.Dataverse, _map.DataverseKeyPaths, step.After, session.CancellationToken).GetAsyncEnumerator(session.CancellationToken);
        await using var dataverseRowsScope = dataverseRows.ConfigureAwait(false);
        using var batch = new InitialSyncBatch(session, _origin);
        var hasFo = await foRows.MoveNextAsync().ConfigureAwait(false);
        var hasDataverse = await dataverseRows.MoveNextAsync().ConfigureAwait(false);
        var last = step.After;
        while (hasFo || hasDataverse)
        {
            var order = !hasFo ? 1 : !hasDataverse ? -1 : KeyOrder.Instance.Compare(foRows.Current.Key, dataverseRows.Current.Key);
            TFo? fo = null;
            TDataverse? dataverse = null;
            var rowsRead = order == 0 ? 2 : 1;
            if (order <= 0)
            {
                (fo, last) = (foRows.Current.Entity, foRows.Current.Key);
                step.Counts.FoRead++;
                hasFo = await foRows.MoveNextAsync().ConfigureAwait(false);
            }

            if (order >= 0)
            {
                (dataverse, last) = (dataverseRows.Current.Entity, dataverseRows.Current.Key);
                step.Counts.DataverseRead++;
                hasDataverse = await dataverseRows.MoveNextAsync().ConfigureAwait(false);
            }

            var (foKey, dataverseKey) = Keys(fo, dataverse);
            var before = step.Outcome;
            await HandleAsync(session, step.Pass, fo, foKey, dataverse, dataverseKey, batch, step.Counts).ConfigureAwait(false);
            step.CountRecord((fo is null ? dataverseKey : foKey).Company, rowsRead, before);
            batch.Records++;

            // A checkpoint says every record up to its key is done, so it is taken only where the key changes.
            var atBoundary = (!hasFo || KeyOrder.Instance.Compare(foRows.Current.Key, last) != 0)
                && (!hasDataverse || KeyOrder.Instance.Compare(dataverseRows.Current.Key, last) != 0);
            if (atBoundary && (batch.Records >= session.Options.BatchSize || session.CancellationToken.IsCancellationRequested))
            {
                await FlushAsync(session, step, batch, last, completed: false).ConfigureAwait(false);
                session.CancellationToken.ThrowIfCancellationRequested();
            }
        }

        await FlushAsync(session, step, batch, last, completed: true).ConfigureAwait(false);
    }

    public async ValueTask<string?> RetryAsync(InitialSyncSession session, InitialSyncPass pass, IntegrationKey key)
    {
        if (!key.IsComplete)
        {
            return IncompleteKey(key);
        }

        using var batch = new InitialSyncBatch(session, _origin);
        var values = IntegrationKeys.Values(_map, key);
        TFo? fo;
        TDataverse? dataverse;
        try
        {
            fo = await (await batch.TransactionAsync(Side.Fo).ConfigureAwait(false)).FindAsync(_map.Fo, _map.FoKeyPaths, values, session.CancellationToken).ConfigureAwait(false);
            dataverse = await (await batch.TransactionAsync(Side.Dataverse).ConfigureAwait(false)).FindAsync(_map.Dataverse, _map.DataverseKeyPaths, values, session.CancellationToken).ConfigureAwait(false);
        }
        catch (EnvironmentWriteException exception)
        {
            return exception.Message;
        }

        var (foKey, dataverseKey) = Keys(fo, dataverse);
        await HandleAsync(session, pass, fo, foKey, dataverse, dataverseKey, batch, new InitialSyncCounts()).ConfigureAwait(false);
        try
        {
            await batch.CommitAsync().ConfigureAwait(false);
        }
        catch (EnvironmentWriteException exception)
        {
            return exception.Message;
        }

        return batch.Failures.Count > 0 ? batch.Failures[0].Reason : null;
    }

    /// <summary>
    /// Ends a batch. An environment that queues its writes (OData) learns which ones the service refused only when it
    /// commits, and then names them in one exception: each record the batch wrote is then synced again on its own, read
    /// afresh from both sides, so that those the service applied are found done and only the refused ones fail, each
    /// into the error list with the service's reason.
    /// </summary>
    private async ValueTask FlushAsync(InitialSyncSession session, InitialSyncStepRun step, InitialSyncBatch batch, IReadOnlyList<string>? last, bool completed)
    {
        try
        {
            await batch.CommitAsync().ConfigureAwait(false);
        }
        catch (EnvironmentWriteException)
        {
            batch.Dispose();
            foreach (var write in batch.Written)
            {
                if (await RetryAsync(session, step.Pass, write.Key).ConfigureAwait(false) is { } reason)
                {
                    step.CountRefused(write.Key.Company);
                    if (write.Inserted)
                    {
                        step.Counts.Inserted--;
                    }
                    else
                    {
                        step.Counts.Updated--;
                    }

                    Fail(batch, step.Counts, step.Pass, write.SourceSide, write.Key, write.Source, reason);
                }
            }
        }

        batch.Written.Clear();
        await step.FlushAsync(batch, last, completed).ConfigureAwait(false);
    }

    private (IntegrationKey Fo, IntegrationKey Dataverse) Keys(TFo? fo, TDataverse? dataverse) =>
        (fo is null ? default : _map.GetFoKey(fo), dataverse is null ? default : _map.GetDataverseKey(dataverse));

    private async ValueTask HandleAsync(InitialSyncSession session, InitialSyncPass pass, TFo? fo, IntegrationKey foKey, TDataverse? dataverse, IntegrationKey dataverseKey, InitialSyncBatch batch, InitialSyncCounts counts)
    {
        fo = fo is not null && session.Scope.IsLinked(_map, foKey) ? fo : null;
        dataverse = dataverse is not null && session.Scope.IsLinked(_map, dataverseKey) ? dataverse : null;
        if (fo is null && dataverse is null)
        {
            counts.Skipped++;
            return;
        }

        bool foInScope, dataverseInScope;
        try
        {
            foInScope = fo is not null && RecordScope.TakesFo(_map, fo);
        }
        catch (Exception exception)
        {
            Fail(batch, counts, pass, Side.Fo, foKey, fo!, $"The F&O filter failed: {exception.Message}");
            return;
        }

        try
        {
            dataverseInScope = dataverse is not null && RecordScope.TakesDataverse(_map, dataverse);
        }
        catch (Exception exception)
        {
            Fail(batch, counts, pass, Side.Dataverse, dataverseKey, dataverse!, $"The Dataverse filter failed: {exception.Message}");
            return;
        }

        if (pass == InitialSyncPass.CyclicLookups)
        {
            await WriteCyclicLookupsAsync(session, batch, counts, fo, foKey, foInScope, dataverse).ConfigureAwait(false);
            return;
        }

        if (!foInScope && !dataverseInScope)
        {
            counts.Skipped++;
            return;
        }

        if (foInScope && (!dataverseInScope || session.Master == Side.Fo))
        {
            var withheld = pass == InitialSyncPass.Rows ? _cyclicLookups : Array.Empty<EntityProperty<TDataverse>>();
            await WriteAsync(session, batch, counts, pass, Side.Fo, fo!, foKey, dataverse, _map.Dataverse, _map.DataverseKeyPaths, _map.ToDataverse, withheld).ConfigureAwait(false);
        }
        else
        {
            // F&O has no lookups to bind (related records are plain key values), so nothing is withheld on that side.
            await WriteAsync(session, batch, counts, pass, Side.Dataverse, dataverse!, dataverseKey, fo, _map.Fo, _map.FoKeyPaths, _map.ToFo, Array.Empty<EntityProperty<TFo>>()).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteAsync<TSource, TTarget>(
        InitialSyncSession session,
        InitialSyncBatch batch,
        InitialSyncCounts counts,
        InitialSyncPass pass,
        Side sourceSide,
        TSource source,
        IntegrationKey key,
        TTarget? current,
        EntityDescriptor<TTarget> target,
        IReadOnlyList<KeyPath> targetKeyPaths,
        Action<TSource, TTarget> transform,
        IReadOnlyList<EntityProperty<TTarget>> withheld)
        where TSource : class
        where TTarget : class
    {
        if (!key.IsComplete)
        {
            Fail(batch, counts, pass, sourceSide, key, source, IncompleteKey(key));
            return;
        }

        TTarget desired;
        IReadOnlyList<string>? changed = null;
        try
        {
            if (current is null)
            {
                desired = target.Create();
                transform(source, desired);
                foreach (var property in withheld)
                {
                    property.Set(desired, null);
                }
            }
            else
            {
                desired = EntityValues.Copy(target, current);

                // Kept from the current row, not the copy: a transform sets a lookup's key inside the looked-up object
                // it finds there, so the copy's object would come back carrying the withheld value.
                var kept = withheld.Select(p => p.Get(current)).ToList();
                transform(source, desired);
                for (var i = 0; i < withheld.Count; i++)
                {
                    withheld[i].Set(desired, kept[i]);
                }

                changed = EntityValues.Changed(target, current, desired);
                if (changed.Count == 0)
                {
                    counts.Unchanged++;
                    return;
                }
            }
        }
        catch (Exception exception)
        {
            // Generated transforms throw for a value-map miss; 'via' methods may throw anything.
            Fail(batch, counts, pass, sourceSide, key, source, $"The transform {SideRules.Direction(sourceSide)} failed: {exception.Message}");
            return;
        }

        var targetSide = SideRules.Other(sourceSide);
        if (session.DryRun)
        {
            var fields = changed ?? target.TypedProperties.Where(p => p.Get(desired) is not null).Select(p => p.Name).ToList();
            session.Options.Differences?.Invoke(new InitialSyncDifference(_map.Name, key.ToString(), targetSide, current is null ? InitialSyncChange.Insert : InitialSyncChange.Update, fields));
        }
        else
        {
            try
            {
                var transaction = await batch.TransactionAsync(targetSide).ConfigureAwait(false);
                if (current is null)
                {
                    await transaction.InsertAsync(target, desired, session.CancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.UpdateAsync(target, targetKeyPaths, IntegrationKeys.Values(_map, key), desired, changed!, session.CancellationToken).ConfigureAwait(false);
                }
            }
            catch (EnvironmentWriteException exception)
            {
                Fail(batch, counts, pass, sourceSide, key, source, exception.Message);
                return;
            }

            batch.Written.Add(new InitialSyncWrite(sourceSide, key, source, Inserted: current is null));
        }

        if (current is null)
        {
            counts.Inserted++;
        }
        else
        {
            counts.Updated++;
        }
    }

    /// <summary>
    /// The second pass of a cycle: the lookups the first pass withheld, from F&amp;O's version. The first pass already
    /// settled everything else, so where Dataverse won it, F&amp;O's version now carries Dataverse's lookup and this
    /// writes nothing; a lookup Dataverse lacks is filled whichever side is master, as the first pass only withheld it.
    /// A dry run never comes here: it compares each map once, lookups included.
    /// </summary>
    private async ValueTask WriteCyclicLookupsAsync(InitialSyncSession session, InitialSyncBatch batch, InitialSyncCounts counts, TFo? fo, IntegrationKey foKey, bool foInScope, TDataverse? dataverse)
    {
        if (!foInScope || dataverse is null || _cyclicLookups.Count == 0)
        {
            counts.Skipped++;
            return;
        }

        var proposed = EntityValues.Copy(_map.Dataverse, dataverse);
        try
        {
            _map.ToDataverse(fo!, proposed);
        }
        catch (Exception exception)
        {
            Fail(batch, counts, InitialSyncPass.CyclicLookups, Side.Fo, foKey, fo!, $"The transform {SideRules.Direction(Side.Fo)} failed: {exception.Message}");
            return;
        }

        var desired = EntityValues.Copy(_map.Dataverse, dataverse);
        var foWins = session.Master == Side.Fo || !RecordScope.Flows(_map, Side.Dataverse);
        foreach (var lookup in _cyclicLookups)
        {
            if (foWins || IsUnset(lookup.Reference!, lookup.Get(dataverse)))
            {
                lookup.Set(desired, lookup.Get(proposed));
            }
        }

        var changed = EntityValues.Changed(_map.Dataverse, dataverse, desired);
        if (changed.Count == 0)
        {
            counts.Unchanged++;
            return;
        }

        try
        {
            var transaction = await batch.TransactionAsync(Side.Dataverse).ConfigureAwait(false);
            await transaction.UpdateAsync(_map.Dataverse, _map.DataverseKeyPaths, IntegrationKeys.Values(_map, foKey), desired, changed, session.CancellationToken).ConfigureAwait(false);
        }
        catch (EnvironmentWriteException exception)
        {
            Fail(batch, counts, InitialSyncPass.CyclicLookups, Side.Fo, foKey, fo!, exception.Message);
            return;
        }

        batch.Written.Add(new InitialSyncWrite(Side.Fo, foKey, fo!, Inserted: false));

        counts.Updated++;
    }

    private void Fail<TSource>(InitialSyncBatch batch, InitialSyncCounts counts, InitialSyncPass pass, Side sourceSide, IntegrationKey key, TSource source, string reason)
        where TSource : class
    {
        counts.Failed++;
        batch.Failures.Add(new InitialSyncFailure(_map.Name, pass, sourceSide, key, JsonSerializer.Serialize(source, source.GetType()), reason));
    }

    private static bool IsUnset(IEntityDescriptor descriptor, object? reference) =>
        reference is null || descriptor.Properties.All(p => p.GetValue(reference) is null || (p.Reference is { } nested && IsUnset(nested, p.GetValue(reference))));

    private static string IncompleteKey(IntegrationKey key) =>
        $"The record's integration key '{key}' is incomplete, so it cannot be matched on the other side.";

}
