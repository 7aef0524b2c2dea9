namespace DualWrite.Runtime.Hosting.Preflight;

/// <summary>What the host checks before its first pass (<see cref="DualWritePreflightService"/>).</summary>
public sealed class DualWritePreflightOptions
{
    /// <summary>
    /// Whether the host compares the live environments with the schemas the maps were compiled with before it starts
    /// (default true). Only environments that can drift are checked: the OData connectors, not embedded databases.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// When a difference breaks some maps: false (the default) refuses to start with the report; true starts the other
    /// maps and stops the broken ones (<see cref="State.MapState.Stopped"/>, so their changes wait in the change logs),
    /// with the reason in the log, in <see cref="DualWritePreflightService.NotRunning"/> and in the state store (where
    /// <c>dualwrite status</c> shows it). Resume them after the fix.
    /// </summary>
    public bool StartUnaffectedMaps { get; set; }
}
