using System;
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
    public void StageSide(IMapRunner runner, Side side, SyncResult result, StagingScope scope) => _staging.StageToHead(runner, side, result, scope);

    /// <summary>
    /// Replays a resumed map. The backlog is staged first without holding the write locks; then each chunk takes both
    /// locks, stages what arrived meanwhile, applies the chunk, and commits the environments before the state store.
    /// The chunk that empties the queue sets the map running in the same state-store transaction: with the locks held
    /// nothing arrived unstaged, and whatever arrives after the commit is past the cursors, where the live pass reads.
    /// Every state-store commit goes through <paramref name="scope"/>: a host that lost partition 0 meanwhile stores
    /// nothing, and the new holder finds this host's committed writes by their origin tags, as after a crash.
    /// </summary>
    /// <returns>Whether the map is running again.</returns>
    public bool Replay(IMapRunner runner, SyncResult result, StagingScope scope)
    {
        var map = runner.Map.Name;
        _staging.StageToHead(runner, Side.Fo, result, scope);
        _staging.StageToHead(runner, Side.Dataverse, result, scope);

        // Bounded, so that a map whose writers keep up with the replay still lets the other maps have their pass.
        var chunks = (_context.State.CountStaged(map) / _replayChunkSize) + 1;
        var origin = "dualwrite:" + map;
        for (var i = 0; i < chunks; i++)
        {
            if (_context.State.GetMapState(map) != MapState.Replaying)
            {
                return false;
            }

            var update = new StateUpdate();
            var chunk = new SyncResult();
            bool emptied;
            using (var fo = _context.Fo.BeginTransaction(origin))
            using (var dataverse = _context.Dataverse.BeginTransaction(origin))
            {
                var tail = new StateUpdate();
                var staged = new SyncResult();
                StageTail(runner, Side.Fo, fo, tail, staged, scope);
                StageTail(runner, Side.Dataverse, dataverse, tail, staged, scope);
                scope.Commit(_context.State, tail);
                result.Add(staged);

                emptied = _replay.ReplayChunk(runner, fo, dataverse, update, chunk);
                if (emptied)
                {
                    update.SetMapState(map, MapState.Running, expected: MapState.Replaying);
                }

                dataverse.Commit();
                fo.Commit();
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

    private void StageTail(IMapRunner runner, Side side, IEnvironmentTransaction transaction, StateUpdate tail, SyncResult result, StagingScope scope)
    {
        var environment = side == Side.Fo ? _context.Fo : _context.Dataverse;
        var head = environment.GetHead();
        var dealtWith = scope.Cursors(runner.Map.Name, side, _context.State.GetCursor(runner.Map.Name, side) ?? head);
        if (dealtWith.Start < head)
        {
            _staging.Stage(runner, side, transaction, dealtWith.Start, head, dealtWith, tail, result);
        }

        tail.MoveCursor(runner.Map.Name, side, head);
    }
}
