using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Linking;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine.Saves;

/// <summary>
/// Tightly-coupled saves and deletes: a record is written on its side (the side of its entity class) and, in the same
/// breath, on the other side through every map of the class that carries live saves; the source commits only if the
/// target did.
/// </summary>
internal sealed class CoupledSaves
{
    /// <summary>The origin of a coupled save's writes: a pass finds them in the change logs and does not apply them again.</summary>
    public const string LiveOrigin = "dualwrite:live";

    private readonly RuntimeContext _context;
    private readonly IReadOnlyList<IMapRunner> _runners;
    private readonly Linker _linker;
    private readonly MapStates _states;
    private readonly AlertPolicy _alerts;

    public CoupledSaves(RuntimeContext context, IReadOnlyList<IMapRunner> runners, Linker linker, MapStates states, AlertPolicy alerts)
    {
        _context = context;
        _runners = runners;
        _linker = linker;
        _states = states;
        _alerts = alerts;
    }

    /// <summary>Saves (or with <paramref name="delete"/>, deletes) <paramref name="entity"/> on both sides.</summary>
    /// <returns>False when a record to delete does not exist.</returns>
    public async ValueTask<bool> WriteAsync<T>(T entity, bool delete, CancellationToken cancellationToken)
        where T : class
    {
        _linker.EnsureLinked();
        var runners = _runners.Where(r => r.SideOf(typeof(T)) is not null).ToList();
        if (runners.Count == 0)
        {
            throw new InvalidOperationException($"No map uses {typeof(T).FullName}.");
        }

        var side = runners[0].SideOf(typeof(T))!.Value;
        var map = runners[0].Map;
        var descriptor = (EntityDescriptor<T>)(side == Side.Fo ? map.Fo : map.Dataverse);
        var keyPaths = side == Side.Fo ? map.FoKeyPaths : map.DataverseKeyPaths;
        var running = runners.Where(r => MapStateMachine.CarriesLiveSaves(_states.Of(r.Map.Name))).ToList();

        // A paused map must find the write in the change log when it resumes, so it is then an ordinary change.
        var sourceOrigin = running.Count == runners.Count ? LiveOrigin : null;
        using var fo = await _context.Fo.BeginTransactionAsync(side == Side.Fo ? sourceOrigin : LiveOrigin, cancellationToken).ConfigureAwait(false);
        using var dataverse = await _context.Dataverse.BeginTransactionAsync(side == Side.Dataverse ? sourceOrigin : LiveOrigin, cancellationToken).ConfigureAwait(false);
        var source = new BySide<IEnvironmentTransaction>(fo, dataverse)[side];
        var keyValues = IntegrationKeys.Values(map, KeyOf(map, side, entity));
        var existing = await source.FindAsync(descriptor, keyPaths, keyValues, cancellationToken).ConfigureAwait(false);
        if (delete)
        {
            if (existing is null)
            {
                return false;
            }

            await source.DeleteAsync(descriptor, keyPaths, keyValues, cancellationToken).ConfigureAwait(false);
            foreach (var runner in running)
            {
                await runner.ApplyLiveAsync(side, ChangeOperation.Delete, existing, isNew: false, fo, dataverse, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            if (existing is null)
            {
                await source.InsertAsync(descriptor, entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await source.UpdateAsync(descriptor, keyPaths, keyValues, entity, EntityValues.Changed(descriptor, existing, entity), cancellationToken).ConfigureAwait(false);
            }

            foreach (var runner in running)
            {
                await runner.ApplyLiveAsync(side, existing is null ? ChangeOperation.Insert : ChangeOperation.Update, entity, existing is null, fo, dataverse, cancellationToken).ConfigureAwait(false);
            }
        }

        // The target commits first: if it cannot, the source is rolled back with it. If the source then cannot, the
        // target is ahead: that goes to the error list (SaveGap), never unseen.
        await new BySide<IEnvironmentTransaction>(fo, dataverse)[SideRules.Other(side)].CommitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await source.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not OperationCanceledException && running.Count > 0)
        {
            await SaveGap.RecordAsync(_context, running, side, delete ? existing! : entity, exception, cancellationToken).ConfigureAwait(false);
            _alerts.RaisePending();
            throw new DualWriteException(map.Name, running[0].RecordKeyOf(side, entity), $"The other side committed the save and this side refused it; the record is in the error list. {exception.Message}", exception);
        }

        return true;
    }

    private static IntegrationKey KeyOf<T>(IDualWriteMap map, Side side, T entity)
        where T : class => map.Accept(new KeyVisitor(side, entity));

    /// <summary>Computes an entity's integration key through the map's typed key function.</summary>
    private sealed class KeyVisitor : IDualWriteMapVisitor<IntegrationKey>
    {
        private readonly Side _side;
        private readonly object _entity;

        public KeyVisitor(Side side, object entity)
        {
            _side = side;
            _entity = entity;
        }

        public IntegrationKey Visit<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map)
            where TFo : class
            where TDataverse : class =>
            _side == Side.Fo ? map.GetFoKey((TFo)_entity) : map.GetDataverseKey((TDataverse)_entity);
    }
}
