using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Errors;
using DualWrite.Runtime.Engine.Linking;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine.Passes;

/// <summary>
/// One sync pass of every map, in order: each map does what its state allows (<see cref="MapStateMachine.PassActivity"/>),
/// its steps retried on transient failures; a map whose environment stays unavailable is paused and an alert fires.
/// </summary>
internal sealed class SyncPass
{
    private readonly RuntimeContext _context;
    private readonly IReadOnlyList<IMapRunner> _runners;
    private readonly Linker _linker;
    private readonly ErrorList _errors;
    private readonly AlertPolicy _alerts;
    private readonly MapStates _states;
    private readonly StagedPass _staged;
    private readonly TransientRetry _retry;
    private readonly int _attempts;
    private readonly WorkSharingOptions? _workSharing;

    public SyncPass(RuntimeContext context, IReadOnlyList<IMapRunner> runners, Linker linker, ErrorList errors, AlertPolicy alerts, MapStates states, StagedPass staged, RetryPolicy retry, WorkSharingOptions? workSharing)
    {
        _context = context;
        _runners = runners;
        _linker = linker;
        _errors = errors;
        _alerts = alerts;
        _states = states;
        _staged = staged;
        _attempts = retry.Attempts;
        _retry = new TransientRetry(retry, (attempt, delay, exception) => Log.TransientFailure(context.Logger, attempt, delay, exception.Message));
        _workSharing = workSharing;
    }

    public async ValueTask<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        _linker.EnsureLinked();
        await _errors.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
        var total = new SyncResult();
        var scope = AcquirePartitions();
        if (scope is { Leases.Count: 0 })
        {
            return total;
        }

        // One host reads the heads once per pass, under the first running map's write locks: the maps run in
        // dependency order over the same changes, so a record's lookup target created before it (a vendor group,
        // then its vendor) is synced first even when both arrive between two maps' turns. Several hosts read them per
        // map, under its locks, since their partition cursors must never pass a head another host read later.
        var heads = scope is null ? new PassHeads() : null;
        foreach (var runner in _runners)
        {
            var result = new SyncResult();
            var state = _states.Of(runner.Map.Name);
            var activity = MapStateMachine.PassActivity(state);

            // A paused or replaying map's staging queue is one per map, in order: with several hosts, the holder of
            // partition 0 stages and replays it for every partition.
            if (scope is not null && activity is (MapActivity.Stage or MapActivity.Replay) && !scope.Holds(0))
            {
                continue;
            }

            try
            {
                switch (activity)
                {
                    case MapActivity.SyncLive:
                        await GuardedAsync(runner, state, token => LiveAsync(runner, result, scope, heads, token), cancellationToken).ConfigureAwait(false);
                        break;
                    case MapActivity.Stage:
                        var staging = StagingScopeOf(scope);
                        foreach (var side in new[] { Side.Fo, Side.Dataverse }.Where(runner.ReadsFrom))
                        {
                            await GuardedAsync(runner, state, token => _staged.StageSideAsync(runner, side, result, staging, token), cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case MapActivity.Replay:
                        await GuardedAsync(
                            runner,
                            state,
                            async token =>
                            {
                                if (await _staged.ReplayAsync(runner, result, StagingScopeOf(scope), token).ConfigureAwait(false))
                                {
                                    Log.MapStateChanged(_context.Logger, runner.Map.Name, MapState.Running);
                                }
                            },
                            cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        continue;
                }
            }
            catch (PartitionLeaseLostException exception)
            {
                // Another host took a partition this pass worked under; nothing of the step was stored, and the new
                // holder deals with those changes (it skips the writes made here by their origin tags, as after a crash).
                Log.PartitionLost(_context.Logger, exception.HostId, exception.Partition);
                total.Add(result);
                return total;
            }

            Log.PassCompleted(_context.Logger, runner.Map.Name, result);
            total.Add(result);
        }

        return total;
    }

    /// <summary>Renews and rebalances the host's leases for a pass; null for a single host.</summary>
    private PartitionScope? AcquirePartitions()
    {
        if (_workSharing is null)
        {
            return null;
        }

        var store = (IPartitionedStateStore)_context.State;
        var leases = store.AcquirePartitions(_workSharing.HostId, _workSharing.PartitionCount, _workSharing.LeaseDuration);
        return new PartitionScope(store, _workSharing.PartitionCount, leases);
    }

    /// <summary>Staging and replay run for every partition on the holder of partition 0 (SyncOnce checked it holds it).</summary>
    private StagingScope StagingScopeOf(PartitionScope? scope) =>
        scope is null ? StagingScope.SingleHost : StagingScope.HolderOfPartition0(_workSharing!.HostId, scope);

    private async ValueTask LiveAsync(IMapRunner runner, SyncResult result, PartitionScope? scope, PassHeads? heads, CancellationToken cancellationToken)
    {
        var pass = new SyncResult();
        var update = new StateUpdate();
        var origin = "dualwrite:" + runner.Map.Name;

        // An environment with one writer at a time (SQLite) is locked by its transaction, taken before the heads are read,
        // so no change can slip in between reading and cursor. One that takes concurrent writers holds no lock: its
        // changes are numbered as they are read, and a record's changes are applied in order because one host's pass
        // at a time holds the record's partition.
        using (var fo = await _context.Fo.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
        using (var dataverse = await _context.Dataverse.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
        {
            var (foHead, dataverseHead) = heads is null
                ? (await _context.Fo.GetHeadAsync(cancellationToken).ConfigureAwait(false), await _context.Dataverse.GetHeadAsync(cancellationToken).ConfigureAwait(false))
                : await heads.ReadAsync(_context, cancellationToken).ConfigureAwait(false);
            await runner.SyncAsync(fo, dataverse, foHead, dataverseHead, update, pass, scope, cancellationToken).ConfigureAwait(false);
            await dataverse.CommitAsync(cancellationToken).ConfigureAwait(false);
            await fo.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // After the writes: a crash in between replays changes whose writes are then no-ops. A host whose lease ran out
        // meanwhile stores nothing (PartitionLeaseLostException); the partition's new owner reads those changes again and
        // skips the writes made here by their origin tags, as after a crash.
        if (scope is not null)
        {
            update.FenceWith(_workSharing!.HostId, scope.Leases);
        }

        _context.State.Apply(update);
        result.Add(pass);
    }

    /// <summary>
    /// Runs a map's step with retries. A step that still finds its environment unavailable pauses the map (unless it
    /// is paused already, when staging simply tries again next pass) and raises an alert. Other failures propagate.
    /// </summary>
    private async ValueTask GuardedAsync(IMapRunner runner, MapState state, Func<CancellationToken, ValueTask> step, CancellationToken cancellationToken)
    {
        var map = runner.Map.Name;
        try
        {
            await _retry.RunAsync(
                token =>
                {
                    _context.PendingFailures.Clear();
                    return step(token);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (FailureClassifier.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            _context.PendingFailures.Clear();
            Log.EnvironmentUnavailable(_context.Logger, map, _attempts, exception.Message);
            _alerts.PauseUnavailable(map, state, _attempts, exception.Message);
            _context.RecordFailure(map, SyncErrorKind.Unavailable);
        }

        _alerts.RaisePending();
    }

}
