using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>The maps' states as the state store holds them, changed only along <see cref="MapStateMachine"/>.</summary>
internal sealed class MapStates
{
    private readonly RuntimeContext _context;

    public MapStates(RuntimeContext context) => _context = context;

    public MapState Of(string map) => _context.State.GetMapState(map);

    /// <summary>Moves a map along <paramref name="transition"/>; returns whether its state changed.</summary>
    /// <exception cref="System.InvalidOperationException">The transition is not allowed from the map's state.</exception>
    public bool Change(string map, MapTransition transition)
    {
        var state = Of(map);
        var next = MapStateMachine.Next(map, state, transition);
        if (next == state)
        {
            return false;
        }

        _context.State.SetMapState(map, next);
        Log.MapStateChanged(_context.Logger, map, next);
        return true;
    }
}
