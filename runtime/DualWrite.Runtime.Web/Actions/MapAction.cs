using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>The actions a map's state allows, as dual-write's admin page offers them.</summary>
internal sealed record MapAction(string Name, string Label, string Question)
{
    public static readonly MapAction Pause = new("pause", "Pause", "Pause the map? Its changes are staged until it is resumed.");
    public static readonly MapAction Resume = new("resume", "Resume", "Resume the map? Its staged changes are replayed in order, then it runs live.");
    public static readonly MapAction Stop = new("stop", "Stop", "Stop the map? It neither syncs nor stages until it is resumed.");
    public static readonly MapAction InitialSync = new("initial-sync", "Run with initial sync", "Run an initial sync of the map, then start it? Records are matched by integration key and the master wins where both sides differ.");

    private static readonly MapAction[] All = [Pause, Resume, Stop, InitialSync];

    public static IReadOnlyList<MapAction> AllowedIn(MapState state) => state switch
    {
        MapState.Running => [Pause, Stop],
        MapState.Replaying => [Pause, Stop],
        MapState.Paused => [Resume, Stop],
        _ => [Resume, InitialSync],
    };

    public static MapAction? Named(string name) => All.FirstOrDefault(a => a.Name == name);
}
