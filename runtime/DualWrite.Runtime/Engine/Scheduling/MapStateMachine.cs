using System;
using System.Collections.Generic;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>
/// The map states in one table: which transition leads where from each state, and what a map does in each state. A
/// transition the table does not list is refused with the map, its state and the transition named.
/// </summary>
internal static class MapStateMachine
{
    private static readonly Dictionary<(MapState From, MapTransition Transition), MapState> Transitions = new()
    {
        [(MapState.Running, MapTransition.Pause)] = MapState.Paused,
        [(MapState.Running, MapTransition.Stop)] = MapState.Stopped,
        [(MapState.Running, MapTransition.Resume)] = MapState.Running,
        [(MapState.Running, MapTransition.ResumeWithoutCatchUp)] = MapState.Running,
        [(MapState.Running, MapTransition.Relink)] = MapState.Running,

        [(MapState.Paused, MapTransition.Pause)] = MapState.Paused,
        [(MapState.Paused, MapTransition.Stop)] = MapState.Stopped,
        [(MapState.Paused, MapTransition.Resume)] = MapState.Replaying,
        [(MapState.Paused, MapTransition.ResumeWithoutCatchUp)] = MapState.Running,
        [(MapState.Paused, MapTransition.Relink)] = MapState.Paused,

        [(MapState.Replaying, MapTransition.Pause)] = MapState.Paused,
        [(MapState.Replaying, MapTransition.Stop)] = MapState.Stopped,
        [(MapState.Replaying, MapTransition.Resume)] = MapState.Replaying,
        [(MapState.Replaying, MapTransition.ResumeWithoutCatchUp)] = MapState.Running,
        [(MapState.Replaying, MapTransition.FinishReplay)] = MapState.Running,

        // A relink drops the staging queue, so a replaying map has nothing left to replay.
        [(MapState.Replaying, MapTransition.Relink)] = MapState.Running,

        [(MapState.Stopped, MapTransition.Pause)] = MapState.Paused,
        [(MapState.Stopped, MapTransition.Stop)] = MapState.Stopped,
        [(MapState.Stopped, MapTransition.Resume)] = MapState.Replaying,
        [(MapState.Stopped, MapTransition.ResumeWithoutCatchUp)] = MapState.Running,
        [(MapState.Stopped, MapTransition.Relink)] = MapState.Stopped,
    };

    /// <summary>Every allowed transition, for the tests that walk the table.</summary>
    public static IEnumerable<KeyValuePair<(MapState From, MapTransition Transition), MapState>> Allowed => Transitions;

    /// <summary>The state <paramref name="transition"/> leads to from <paramref name="state"/>.</summary>
    /// <exception cref="InvalidOperationException">The transition is not allowed from that state.</exception>
    public static MapState Next(string map, MapState state, MapTransition transition) =>
        Transitions.TryGetValue((state, transition), out var next)
            ? next
            : throw new InvalidOperationException($"Map {map} is {state}; the transition {transition} is not allowed from that state.");

    /// <summary>What a map in <paramref name="state"/> does in a sync pass.</summary>
    public static MapActivity PassActivity(MapState state) => state switch
    {
        MapState.Running => MapActivity.SyncLive,
        MapState.Paused => MapActivity.Stage,
        MapState.Replaying => MapActivity.Replay,
        _ => MapActivity.Rest,
    };

    /// <summary>
    /// Whether a map in <paramref name="state"/> carries a coupled save to the other side in the same breath; any other
    /// map finds the save in the change log later.
    /// </summary>
    public static bool CarriesLiveSaves(MapState state) => PassActivity(state) == MapActivity.SyncLive;
}
