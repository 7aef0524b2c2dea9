using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Errors;
using DualWrite.Runtime.Engine.History;
using DualWrite.Runtime.Engine.Linking;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Engine.WorkScopes;
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
    private readonly IWorkScope _work;
    private readonly HistoryPurge _historyPurge;

    public SyncPass(RuntimeContext context, IReadOnlyList<IMapRunner> runners, Linker linker, ErrorList errors, AlertPolicy alerts, MapStates states, StagedPass staged, RetryPolicy retry, IWorkScope work, TimeSpan historyRetention)
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
        _work = work;
        _historyPurge = new HistoryPurge(context, historyRetention);
    }

    public async ValueTask<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        _linker.EnsureLinked();
        await _errors.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
        _historyPurge.RunIfDue();
        var total = new SyncResult();
        var scope = _work.BeginPass();
        var heads = new PassHeads();
        if (!scope.HasWork)
        {
            return total;
        }

        foreach (var runner in _runners)
        {
            var result = new SyncResult();
            var state = _states.Of(runner.Map.Name);
            var activity = MapStateMachine.PassActivity(state);

            if (activity is (MapActivity.Stage or MapActivity.Replay) && !scope.RunsStaging)
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
                        var staging = scope.Staging;
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
                                if (await _staged.ReplayAsync(runner, result, scope.Staging, token).ConfigureAwait(false))
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

    private async ValueTask LiveAsync(IMapRunner runner, SyncResult result, IPassScope scope, PassHeads heads, CancellationToken cancellationToken)
    {
        var pass = new SyncResult();
        var update = _context.NewUpdate();
        var origin = "dualwrite:" + runner.Map.Name;

        // An environment with one writer at a time (SQLite) is locked by its transaction, taken before the heads are read,
        // so no change can slip in between reading and cursor. One that takes concurrent writers holds no lock: its
        // changes are numbered as they are read, and a record's changes are applied in order because one host's pass
        // at a time holds the record's partition.
        CapStop? stop;
        using (var fo = await _context.Fo.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
        using (var dataverse = await _context.Dataverse.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
        {
            var (foHead, dataverseHead) = heads.Limit(await scope.HeadsAsync(cancellationToken).ConfigureAwait(false));
            stop = await runner.SyncAsync(fo, dataverse, foHead, dataverseHead, update, pass, scope, cancellationToken).ConfigureAwait(false);

            // A write refused on its own parks its record now, in this pass; the other writes were kept.
            var refusedByDataverse = await dataverse.CommitRecordsAsync(cancellationToken).ConfigureAwait(false);
            var refusedByFo = await fo.CommitRecordsAsync(cancellationToken).ConfigureAwait(false);
            if (refusedByDataverse.Count > 0)
            {
                runner.ParkRefused(Side.Dataverse, refusedByDataverse, update, pass);
            }

            if (refusedByFo.Count > 0)
            {
                runner.ParkRefused(Side.Fo, refusedByFo, update, pass);
            }
        }

        // After the writes: a crash in between replays changes whose writes are then no-ops.
        scope.Fence(update);
        _context.State.Apply(update);
        if (stop is { } capped)
        {
            heads.StoppedAt(capped.Side, capped.Sequence);
            pass.StoppedAtCap = true;
        }

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
                    _context.Failures.Clear();
                    return step(token);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (FailureClassifier.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            _context.Failures.Clear();
            Log.EnvironmentUnavailable(_context.Logger, map, _attempts, exception.Message);
            _alerts.PauseUnavailable(map, state, _attempts, exception.Message);
            _context.Failures.Record(map, SyncErrorKind.Unavailable);
        }

        _alerts.RaisePending();
    }

}
