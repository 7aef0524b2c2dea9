using System;
using System.Collections.Generic;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Alerts;

/// <summary>
/// Turns the failures a runtime step recorded into alerts: counts them against the rules, applies a rule's Pause or
/// Stop to the map's state (a stop records the alert as its reason, so a later reader knows why), logs the alert and
/// hands it to the runtime, which raises its public event.
/// </summary>
internal sealed class AlertPolicy
{
    private readonly RuntimeContext _context;
    private readonly MapStates _states;
    private readonly AlertMonitor _monitor;
    private readonly Action<AlertRaisedEventArgs> _raised;

    public AlertPolicy(RuntimeContext context, MapStates states, IReadOnlyList<AlertRule> rules, Action<AlertRaisedEventArgs> raised)
    {
        _context = context;
        _states = states;
        _monitor = new AlertMonitor(rules);
        _raised = raised;
    }

    /// <summary>Counts the failures pending on the context (and clears them), applying and raising the alerts they fire.</summary>
    public void RaisePending()
    {
        foreach (var (map, kind) in _context.Failures.Take())
        {
            foreach (var alert in _monitor.Record(map, kind, DateTimeOffset.UtcNow))
            {
                Apply(alert);
                Raise(alert);
            }
        }
    }

    /// <summary>
    /// Pauses a map whose environment stayed unavailable through every retry and raises the alert that says so; a map
    /// paused already is left as it is, since staging simply tries again next pass.
    /// </summary>
    public void PauseUnavailable(string map, MapState state, int attempts, string reason)
    {
        if (state == MapState.Paused)
        {
            return;
        }

        var message = $"Map {map} was paused: {reason} Its changes are staged; resume it when the environment is back.";
        _states.Change(map, MapTransition.Pause, "alert: " + message);
        Raise(new AlertRaisedEventArgs(map, SyncErrorKind.Unavailable, attempts, TimeSpan.Zero, AlertAction.Pause, message, DateTimeOffset.UtcNow));
    }

    private void Apply(AlertRaisedEventArgs alert)
    {
        var transition = alert.Action switch
        {
            AlertAction.Pause => MapTransition.Pause,
            AlertAction.Stop => MapTransition.Stop,
            _ => (MapTransition?)null,
        };
        if (transition is { } change)
        {
            _states.Change(alert.Map, change, "alert: " + alert.Message);
        }
    }

    private void Raise(AlertRaisedEventArgs alert)
    {
        Log.AlertRaised(_context.Logger, alert.Map, alert.Kind, alert.Failures, alert.Window, alert.Action, alert.Message);
        _raised(alert);
    }
}
