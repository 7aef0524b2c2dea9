using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>The pass of a paused map (staging only) and of a replaying map (staging, then the queue applied chunk by chunk).</summary>
internal sealed class StagedPass
{
    private readonly RuntimeContext _context;
    private readonly StagingStep _staging;
    private readonly ReplayStep _replay;
    private readonly int _replayChunkSize;

    public StagedPass(RuntimeContext context, DualWriteRuntimeOptions options)
    {
        _context = context;
        _staging = new StagingStep(context, options.StagingChunkSize);
        _replay = new ReplayStep(context, options.ReplayChunkSize);
        _replayChunkSize = options.ReplayChunkSize;
    }

    /// <summary>Stages one side of a paused map up to its head. Only the sides the map reads from are staged, so an unreachable target does not stop it.</summary>
    public ValueTask StageSideAsync(IMapRunner runner, Side side, SyncResult result, IStagingScope scope, CancellationToken cancellationToken) =>
        _staging.StageToHeadAsync(runner, side, result, scope, cancellationToken);

    /// <summary>
    /// Replays a resumed map. The backlog is staged first without holding the write locks; then each chunk takes both
    /// locks, stages what arrived meanwhile, applies the chunk, and commits the environments before the state store.
    /// The chunk that empties the queue sets the map running in the same state-store transaction: with the locks held
    /// nothing arrived unstaged, and whatever arrives after the commit is past the cursors, where the live pass reads.
    /// Every state-store commit goes through <paramref name="scope"/>: a host that lost partition 0 meanwhile stores
    /// nothing, and the new holder finds this host's committed writes by their origin tags, as after a crash.
    /// </summary>
    /// <returns>Whether the map is running again.</returns>
    public async ValueTask<bool> ReplayAsync(IMapRunner runner, SyncResult result, IStagingScope scope, CancellationToken cancellationToken)
    {
        var map = runner.Map.Name;
        await _staging.StageToHeadAsync(runner, Side.Fo, result, scope, cancellationToken).ConfigureAwait(false);
        await _staging.StageToHeadAsync(runner, Side.Dataverse, result, scope, cancellationToken).ConfigureAwait(false);

        // Bounded, so that a map whose writers keep up with the replay still lets the other maps have their pass.
        var chunks = (_context.State.CountStaged(map) / _replayChunkSize) + 1;
        var origin = "dualwrite:" + map;
        for (var i = 0; i < chunks; i++)
        {
            if (_context.State.GetMapState(map) != MapState.Replaying)
            {
                return false;
            }

            var update = _context.NewUpdate();
            var chunk = new SyncResult();
            bool emptied;
            using (var fo = await _context.Fo.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
            using (var dataverse = await _context.Dataverse.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false))
            {
                var tail = _context.NewUpdate();
                var staged = new SyncResult();
                await StageTailAsync(runner, Side.Fo, fo, tail, staged, scope, cancellationToken).ConfigureAwait(false);
                await StageTailAsync(runner, Side.Dataverse, dataverse, tail, staged, scope, cancellationToken).ConfigureAwait(false);
                scope.Commit(_context.State, tail);
                result.Add(staged);

                emptied = await _replay.ReplayChunkAsync(runner, fo, dataverse, update, chunk, cancellationToken).ConfigureAwait(false);
                if (emptied)
                {
                    update.SetMapState(map, MapStateMachine.Next(map, MapState.Replaying, MapTransition.FinishReplay), expected: MapState.Replaying);
                }

                await dataverse.CommitAsync(cancellationToken).ConfigureAwait(false);
                await fo.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            scope.Commit(_context.State, update);
            result.Add(chunk);
            if (emptied)
            {
                return _context.State.GetMapState(map) == MapState.Running;
            }
        }

        return false;
    }

    private async ValueTask StageTailAsync(IMapRunner runner, Side side, IEnvironmentTransaction transaction, StateUpdate tail, SyncResult result, IStagingScope scope, CancellationToken cancellationToken)
    {
        var environment = _context.Environment(side);
        var head = await environment.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var dealtWith = scope.Cursors(runner.Map.Name, side, _context.State.GetCursor(runner.Map.Name, side) ?? head);
        if (dealtWith.Start < head)
        {
            await _staging.StageAsync(runner, side, transaction, dealtWith.Start, head, dealtWith, tail, result, cancellationToken).ConfigureAwait(false);
        }

        tail.MoveCursor(runner.Map.Name, side, head);
    }
}
