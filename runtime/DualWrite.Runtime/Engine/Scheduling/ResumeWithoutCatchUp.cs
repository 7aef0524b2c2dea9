using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>
/// Resumes a map live from the current heads at once: what it gathered while paused or stopped (staged, and still in the
/// change logs) is moved to its error list or dropped.
/// </summary>
internal sealed class ResumeWithoutCatchUp
{
    private readonly RuntimeContext _context;
    private readonly MapStates _states;
    private readonly StagedPass _staged;
    private readonly int _chunkSize;

    public ResumeWithoutCatchUp(RuntimeContext context, MapStates states, StagedPass staged, int chunkSize)
    {
        _context = context;
        _states = states;
        _staged = staged;
        _chunkSize = chunkSize;
    }

    /// <returns>How many changes were set aside or dropped.</returns>
    public async ValueTask<long> ResumeAsync(IMapRunner runner, ResumeMode mode, CancellationToken cancellationToken)
    {
        var name = runner.Map.Name;
        if (_states.Of(name) == MapState.Running)
        {
            return 0;
        }

        long count;
        if (mode == ResumeMode.SkipKeepForRetry)
        {
            // Staging moves the cursors along with what it stages, so what comes after is read live: nothing falls between.
            foreach (var side in new[] { Side.Fo, Side.Dataverse }.Where(runner.ReadsFrom))
            {
                await _staged.StageSideAsync(runner, side, new SyncResult(), SingleHostStaging.Instance, cancellationToken).ConfigureAwait(false);
            }

            count = SetStagedAside(name);
        }
        else
        {
            count = await DropGatheredAsync(runner, cancellationToken).ConfigureAwait(false);
        }

        Log.ResumedWithoutCatchUp(_context.Logger, name, count, mode == ResumeMode.SkipKeepForRetry ? "moved to the error list" : "dropped");
        _states.Change(name, MapTransition.ResumeWithoutCatchUp);
        return count;
    }

    /// <summary>Moves a map's staged changes to its error list: per record, the first heads the queue with the reason, the others wait behind it.</summary>
    private long SetStagedAside(string map)
    {
        const string reason = "Set aside when the map resumed without catch-up; retry to apply it (and the record's changes behind it), or discard it.";
        var blocked = new HashSet<string>(_context.State.GetBlockedRecords(map), StringComparer.Ordinal);
        var count = 0L;
        while (_context.State.ReadStaged(map, _chunkSize) is { Count: > 0 } chunk)
        {
            var update = _context.NewUpdate();
            foreach (var staged in chunk)
            {
                update.Unstage(staged.Id);
                update.Enqueue(map, staged.RecordKey, staged.Change, blocked.Add(staged.RecordKey) ? reason : null, SyncErrorKind.Skipped);
            }

            _context.State.Apply(update);
            count += chunk.Count;
        }

        return count;
    }

    /// <summary>Drops a map's staged changes and moves its cursors to the heads, past the changes it has not read; returns how many ordinary changes that drops.</summary>
    private async ValueTask<long> DropGatheredAsync(IMapRunner runner, CancellationToken cancellationToken)
    {
        var map = runner.Map.Name;
        var count = 0L;
        while (_context.State.ReadStaged(map, _chunkSize) is { Count: > 0 } chunk)
        {
            var update = _context.NewUpdate();
            foreach (var staged in chunk)
            {
                update.Unstage(staged.Id);
            }

            _context.State.Apply(update);
            count += chunk.Count;
        }

        var cursors = _context.NewUpdate();
        foreach (var side in new[] { Side.Fo, Side.Dataverse })
        {
            var environment = _context.Environment(side);
            var head = await environment.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            if (runner.ReadsFrom(side) && _context.State.GetCursor(map, side) is { } cursor && cursor < head)
            {
                var entitySet = SideRules.EntitySetOf(runner.Map, side);
                count += (await ChangeLogReads.CountAsync(environment, entitySet, cursor, head, cancellationToken).ConfigureAwait(false)).Ordinary;
            }

            cursors.MoveCursor(map, side, head);
        }

        _context.State.Apply(cursors);
        return count;
    }
}
