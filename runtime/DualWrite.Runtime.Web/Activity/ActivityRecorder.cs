using System;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State.Activity;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Web.Activity;

/// <summary>
/// Writes the maps' activity logs in the state store: what operators do on the page (with their names), the alerts the
/// runtime raises (and the pauses and stops they cause), and the initial-sync runs the page starts.
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly DualWriteRuntime _runtime;
    private readonly string? _statePath;

    public ActivityRecorder(DualWriteRuntime runtime, DualWriteEnvironments environments, IOptions<DualWriteOptions> options)
    {
        _runtime = runtime;
        Log = environments.State as IActivityLog
            ?? throw new NotSupportedException($"The operations page keeps the maps' activity in the state store; {environments.State.GetType().Name} keeps none (IActivityLog).");
        _statePath = options.Value.StatePath;
        _runtime.AlertRaised += OnAlert;
    }

    /// <summary>Where the entries are kept: the host's state store.</summary>
    public IActivityLog Log { get; }

    public void Record(string map, ActivityKind kind, string? actor, string text) => Log.AddActivity(map, kind, actor, HideSecrets(text));

    public void Dispose() => _runtime.AlertRaised -= OnAlert;

    private void OnAlert(object? sender, AlertRaisedEventArgs alert)
    {
        Record(alert.Map, ActivityKind.AlertFired, "alert rule", $"{alert.Failures} {alert.Kind} failures within {alert.Window}; action {alert.Action}: {alert.Message}");
        var kind = alert.Action switch
        {
            AlertAction.Pause => ActivityKind.Paused,
            AlertAction.Stop => ActivityKind.Stopped,
            _ => (ActivityKind?)null,
        };
        if (kind is { } changed)
        {
            Record(alert.Map, changed, "alert rule", alert.Message);
        }
    }

    private string HideSecrets(string text) => _statePath is null ? text : StateLocation.HideSecrets(text, _statePath);
}
