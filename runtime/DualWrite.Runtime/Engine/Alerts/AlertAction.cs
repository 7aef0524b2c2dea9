namespace DualWrite.Runtime.Engine.Alerts;

/// <summary>What an alert rule does when it fires; every action also notifies.</summary>
public enum AlertAction
{
    /// <summary>A structured log event and <see cref="DualWriteRuntime.AlertRaised"/>.</summary>
    Notify,

    /// <summary>Notifies and pauses the map: its changes are staged until it is resumed.</summary>
    Pause,

    /// <summary>Notifies and stops the map: it neither syncs nor stages, and its cursors stay.</summary>
    Stop,
}
