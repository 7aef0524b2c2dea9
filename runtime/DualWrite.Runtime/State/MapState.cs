namespace DualWrite.Runtime.State;

/// <summary>Whether a map syncs.</summary>
public enum MapState
{
    /// <summary>Changes flow, live and from the change logs.</summary>
    Running,

    /// <summary>
    /// Nothing flows to the other side: each pass moves the map's new changes from the source change logs into the
    /// state store's staging queue (durable, in order), where they wait for <see cref="Replaying"/>.
    /// </summary>
    Paused,

    /// <summary>
    /// Resumed: the staging queue is applied in order, chunk by chunk, while new changes are staged behind it; the map
    /// turns <see cref="Running"/> in the same state-store transaction that empties the queue.
    /// </summary>
    Replaying,

    /// <summary>Neither syncs nor stages: the map's changes stay in the change logs and its cursors stay where they are.</summary>
    Stopped,
}
