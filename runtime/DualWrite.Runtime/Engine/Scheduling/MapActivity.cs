namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>What a map does in a sync pass, or for a coupled save, in a given <see cref="State.MapState"/>.</summary>
internal enum MapActivity
{
    /// <summary>Nothing: the map's changes stay in the change logs.</summary>
    Rest,

    /// <summary>Syncs the changes of both change logs.</summary>
    SyncLive,

    /// <summary>Moves new changes into the staging queue.</summary>
    Stage,

    /// <summary>Applies the staging queue, staging what arrives meanwhile.</summary>
    Replay,
}
