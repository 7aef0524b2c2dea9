using System;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>The maps' states as the state store holds them, changed only along <see cref="MapStateMachine"/>.</summary>
internal sealed class MapStates
{
    private readonly RuntimeContext _context;
    private readonly Action<MapStateChangedEventArgs> _changed;

    public MapStates(RuntimeContext context, Action<MapStateChangedEventArgs> changed)
    {
        _context = context;
        _changed = changed;
    }

    public MapState Of(string map) => _context.State.GetMapState(map);

    /// <summary>
    /// Moves a map along <paramref name="transition"/>, telling why when <paramref name="reason"/> says (a stop stores it
    /// as the map's stop reason); returns whether its state changed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The transition is not allowed from the map's state.</exception>
    public bool Change(string map, MapTransition transition, string? reason = null)
    {
        var state = Of(map);
        var next = MapStateMachine.Next(map, state, transition);
        if (next == state)
        {
            return false;
        }

        var now = DateTimeOffset.UtcNow;
        _context.State.SetMapState(map, next);
        if (next == MapState.Stopped && reason is not null)
        {
            _context.State.SetStopReason(map, new MapStopReason(reason, now));
        }

        Log.MapStateChanged(_context.Logger, map, next);
        _changed(new MapStateChangedEventArgs(map, state, next, reason, now));
        return true;
    }
}
