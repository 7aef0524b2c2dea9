namespace DualWrite.Runtime.State.Activity;

/// <summary>What happened to a map, as its activity log shows it.</summary>
public enum ActivityKind
{
    /// <summary>The map was paused: its changes are staged.</summary>
    Paused,

    /// <summary>The map was resumed: it replays what it staged, then runs live.</summary>
    Resumed,

    /// <summary>The map was stopped; the entry's text says why when a reason was given.</summary>
    Stopped,

    /// <summary>The environments were linked again.</summary>
    Relinked,

    /// <summary>An alert rule fired for the map.</summary>
    AlertFired,

    /// <summary>An initial-sync run of the map started.</summary>
    InitialSyncStarted,

    /// <summary>An initial-sync run of the map finished, stopped or failed; the text gives its counts.</summary>
    InitialSyncFinished,

    /// <summary>A sync pass of the map failed.</summary>
    PassFailed,

    /// <summary>Error-list entries of the map were retried (as stored or from the current source).</summary>
    ErrorsRetried,

    /// <summary>Error-list entries of the map were discarded.</summary>
    ErrorsDiscarded,
}
