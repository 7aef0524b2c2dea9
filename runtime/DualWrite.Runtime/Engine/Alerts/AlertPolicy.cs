using System;
using System.Collections.Generic;
using System.Linq;
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
    private readonly AlertMonitor _monitor;
    private readonly Action<AlertRaisedEventArgs> _raised;

    public AlertPolicy(RuntimeContext context, IReadOnlyList<AlertRule> rules, Action<AlertRaisedEventArgs> raised)
    {
        _context = context;
        _monitor = new AlertMonitor(rules);
        _raised = raised;
    }

    /// <summary>Counts the failures pending on the context (and clears them), applying and raising the alerts they fire.</summary>
    public void RaisePending()
    {
        var failures = _context.PendingFailures.ToList();
        _context.PendingFailures.Clear();
        foreach (var (map, kind) in failures)
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

        _context.State.SetMapState(map, MapState.Paused);
        Log.MapStateChanged(_context.Logger, map, MapState.Paused);
        Raise(new AlertRaisedEventArgs(
            map,
            SyncErrorKind.Unavailable,
            attempts,
            TimeSpan.Zero,
            AlertAction.Pause,
            $"Map {map} was paused: {reason} Its changes are staged; resume it when the environment is back.",
            DateTimeOffset.UtcNow));
    }

    private void Apply(AlertRaisedEventArgs alert)
    {
        var target = alert.Action switch
        {
            AlertAction.Pause => MapState.Paused,
            AlertAction.Stop => MapState.Stopped,
            _ => (MapState?)null,
        };
        if (target is not { } next || _context.State.GetMapState(alert.Map) == next)
        {
            return;
        }

        _context.State.SetMapState(alert.Map, next);
        if (next == MapState.Stopped)
        {
            _context.State.SetStopReason(alert.Map, new MapStopReason("alert: " + alert.Message, alert.RaisedAt));
        }

        Log.MapStateChanged(_context.Logger, alert.Map, next);
    }

    private void Raise(AlertRaisedEventArgs alert)
    {
        Log.AlertRaised(_context.Logger, alert.Map, alert.Kind, alert.Failures, alert.Window, alert.Action, alert.Message);
        _raised(alert);
    }
}
