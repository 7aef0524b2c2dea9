namespace DualWrite.Runtime.State;

/// <summary>Whether a map syncs.</summary>
public enum MapState
{
    /// <summary>Changes flow, live and from the change logs.</summary>
    Running,

    /// <summary>
    /// Nothing flows; changes wait in the source's change log (durable, in order) and are replayed on resume, with the
    /// map's conflict policy deciding records changed on both sides meanwhile.
    /// </summary>
    Paused,
}
