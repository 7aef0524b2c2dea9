namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>What moves a map from one <see cref="State.MapState"/> to another.</summary>
internal enum MapTransition
{
    /// <summary>A user, an alert rule or an unavailable environment pauses the map.</summary>
    Pause,

    /// <summary>A user or an alert rule stops the map.</summary>
    Stop,

    /// <summary>Resumed with catch-up: the staging queue is replayed first.</summary>
    Resume,

    /// <summary>Resumed without catch-up: the map runs live at once; what it gathered is set aside or dropped.</summary>
    ResumeWithoutCatchUp,

    /// <summary>The replay emptied the staging queue.</summary>
    FinishReplay,

    /// <summary>The environments were linked again: cursors start at the heads.</summary>
    Relink,
}
