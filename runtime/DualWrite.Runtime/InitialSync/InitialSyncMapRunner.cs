using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.InitialSync;

/// <summary>One map's initial sync, made typed through the map's visitor.</summary>
internal interface IInitialSyncMapRunner
{
    IDualWriteMap Map { get; }

    /// <summary>Merges both sides in key order after the step's checkpoint and writes what is missing or different, batch by batch.</summary>
    void Run(InitialSyncSession session, InitialSyncStepRun step);

    /// <summary>Syncs one record again, found by its key on both sides; returns the reason when it fails again.</summary>
    string? Retry(InitialSyncSession session, InitialSyncPass pass, IntegrationKey key);
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

    public void Run(InitialSyncSession session, InitialSyncStepRun step)
    {
        using var foRows = session.Fo.ReadInKeyOrder(_map.Fo, _map.FoKeyPaths, step.After).GetEnumerator();
        using var dataverseRows = session.Dataverse.ReadInKeyOrder(_map.Dataverse, _map.DataverseKeyPaths, step.After).GetEnumerator();
        using var batch = new InitialSyncBatch(session, _origin);
        var hasFo = foRows.MoveNext();
        var hasDataverse = dataverseRows.MoveNext();
        var last = step.After;
        while (hasFo || hasDataverse)
        {
            var order = !hasFo ? 1 : !hasDataverse ? -1 : KeyOrder.Instance.Compare(foRows.Current.Key, dataverseRows.Current.Key);
            TFo? fo = null;
            TDataverse? dataverse = null;
            if (order <= 0)
            {
                (fo, last) = (foRows.Current.Entity, foRows.Current.Key);
                step.Counts.FoRead++;
                hasFo = foRows.MoveNext();
            }

            if (order >= 0)
            {
                (dataverse, last) = (dataverseRows.Current.Entity, dataverseRows.Current.Key);
                step.Counts.DataverseRead++;
                hasDataverse = dataverseRows.MoveNext();
            }

            Handle(session, step.Pass, fo, dataverse, batch, step.Counts);
            batch.Records++;

            // A checkpoint says every record up to its key is done, so it is taken only where the key changes.
            var atBoundary = (!hasFo || KeyOrder.Instance.Compare(foRows.Current.Key, last) != 0)
                && (!hasDataverse || KeyOrder.Instance.Compare(dataverseRows.Current.Key, last) != 0);
            if (atBoundary && (batch.Records >= session.Options.BatchSize || session.CancellationToken.IsCancellationRequested))
            {
                step.Flush(batch, last, completed: false);
                session.CancellationToken.ThrowIfCancellationRequested();
            }
        }

        step.Flush(batch, last, completed: true);
    }

    public string? Retry(InitialSyncSession session, InitialSyncPass pass, IntegrationKey key)
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
            fo = batch.Transaction(Side.Fo).Find(_map.Fo, _map.FoKeyPaths, values);
            dataverse = batch.Transaction(Side.Dataverse).Find(_map.Dataverse, _map.DataverseKeyPaths, values);
        }
        catch (EnvironmentWriteException exception)
        {
            return exception.Message;
        }

        Handle(session, pass, fo, dataverse, batch, new InitialSyncCounts());
        batch.Commit();
        return batch.Failures.Count > 0 ? batch.Failures[0].Reason : null;
    }

    private void Handle(InitialSyncSession session, InitialSyncPass pass, TFo? fo, TDataverse? dataverse, InitialSyncBatch batch, InitialSyncCounts counts)
    {
        var foKey = fo is null ? default : _map.GetFoKey(fo);
        var dataverseKey = dataverse is null ? default : _map.GetDataverseKey(dataverse);
        fo = fo is not null && session.IsLinked(_map, foKey) ? fo : null;
        dataverse = dataverse is not null && session.IsLinked(_map, dataverseKey) ? dataverse : null;
        if (fo is null && dataverse is null)
        {
            counts.Skipped++;
            return;
        }

        bool foInScope, dataverseInScope;
        try
        {
            foInScope = fo is not null && _map.Direction != SyncDirection.ToFo && _map.MatchesFoFilter(fo);
        }
        catch (Exception exception)
        {
            Fail(batch, counts, pass, Side.Fo, foKey, fo!, $"The F&O filter failed: {exception.Message}");
            return;
        }

        try
        {
            dataverseInScope = dataverse is not null && _map.Direction != SyncDirection.ToDataverse && _map.MatchesDataverseFilter(dataverse);
        }
        catch (Exception exception)
        {
            Fail(batch, counts, pass, Side.Dataverse, dataverseKey, dataverse!, $"The Dataverse filter failed: {exception.Message}");
            return;
        }

        if (pass == InitialSyncPass.CyclicLookups)
        {
            WriteCyclicLookups(session, batch, counts, fo, foKey, foInScope, dataverse);
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
            Write(session, batch, counts, pass, Side.Fo, fo!, foKey, dataverse, _map.Dataverse, _map.DataverseKeyPaths, _map.ToDataverse, withheld);
        }
        else
        {
            // F&O has no lookups to bind (related records are plain key values), so nothing is withheld on that side.
            Write(session, batch, counts, pass, Side.Dataverse, dataverse!, dataverseKey, fo, _map.Fo, _map.FoKeyPaths, _map.ToFo, Array.Empty<EntityProperty<TFo>>());
        }
    }

    private void Write<TSource, TTarget>(
        InitialSyncSession session,
        InitialSyncBatch batch,
        InitialSyncCounts counts,
        InitialSyncPass pass,
        Side sourceSide,
        TSource source,
        IntegrationKey key,
        TTarget? current,
        EntityDescriptor<TTarget> target,
        IReadOnlyList<string> targetKeyPaths,
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
                var kept = withheld.Select(p => p.Get(desired)).ToList();
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
            Fail(batch, counts, pass, sourceSide, key, source, $"The transform {Direction(sourceSide)} failed: {exception.Message}");
            return;
        }

        var targetSide = sourceSide == Side.Fo ? Side.Dataverse : Side.Fo;
        if (session.DryRun)
        {
            var fields = changed ?? target.TypedProperties.Where(p => p.Get(desired) is not null).Select(p => p.Name).ToList();
            session.Options.Differences?.Invoke(new InitialSyncDifference(_map.Name, key.ToString(), targetSide, current is null ? InitialSyncChange.Insert : InitialSyncChange.Update, fields));
        }
        else
        {
            try
            {
                var transaction = batch.Transaction(targetSide);
                if (current is null)
                {
                    transaction.Insert(target, desired);
                }
                else
                {
                    transaction.Update(target, targetKeyPaths, IntegrationKeys.Values(_map, key), desired, changed!);
                }
            }
            catch (EnvironmentWriteException exception)
            {
                Fail(batch, counts, pass, sourceSide, key, source, exception.Message);
                return;
            }
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
    /// </summary>
    private void WriteCyclicLookups(InitialSyncSession session, InitialSyncBatch batch, InitialSyncCounts counts, TFo? fo, IntegrationKey foKey, bool foInScope, TDataverse? dataverse)
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
            Fail(batch, counts, InitialSyncPass.CyclicLookups, Side.Fo, foKey, fo!, $"The transform {Direction(Side.Fo)} failed: {exception.Message}");
            return;
        }

        var desired = EntityValues.Copy(_map.Dataverse, dataverse);
        var foWins = session.Master == Side.Fo || _map.Direction == SyncDirection.ToDataverse;
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

        if (session.DryRun)
        {
            session.Options.Differences?.Invoke(new InitialSyncDifference(_map.Name, foKey.ToString(), Side.Dataverse, InitialSyncChange.Update, changed));
        }
        else
        {
            try
            {
                batch.Transaction(Side.Dataverse).Update(_map.Dataverse, _map.DataverseKeyPaths, IntegrationKeys.Values(_map, foKey), desired, changed);
            }
            catch (EnvironmentWriteException exception)
            {
                Fail(batch, counts, InitialSyncPass.CyclicLookups, Side.Fo, foKey, fo!, exception.Message);
                return;
            }
        }

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

    private static string Direction(Side source) => source == Side.Fo ? "fo-to-dataverse" : "dataverse-to-fo";
}
