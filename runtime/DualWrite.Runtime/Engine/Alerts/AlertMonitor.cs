using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Alerts;

/// <summary>
/// Counts failures per map and kind over sliding windows and tells which rules fire. The counts live in memory: a
/// restarted runtime starts counting afresh (the error list itself is durable).
/// </summary>
internal sealed class AlertMonitor
{
    private readonly IReadOnlyList<AlertRule> _rules;
    private readonly Dictionary<(string Map, SyncErrorKind Kind), Queue<DateTimeOffset>> _failures = new();

    public AlertMonitor(IReadOnlyList<AlertRule> rules) => _rules = rules;

    /// <summary>Records one failure and returns the alerts of the rules it fires; a rule that fired counts from zero again.</summary>
    public IReadOnlyList<AlertRaisedEventArgs> Record(string map, SyncErrorKind kind, DateTimeOffset at)
    {
        var rules = _rules.Where(r => r.Kind == kind && (r.Map is null || string.Equals(r.Map, map, StringComparison.Ordinal))).ToList();
        if (rules.Count == 0)
        {
            return Array.Empty<AlertRaisedEventArgs>();
        }

        if (!_failures.TryGetValue((map, kind), out var times))
        {
            times = new Queue<DateTimeOffset>();
            _failures[(map, kind)] = times;
        }

        times.Enqueue(at);
        var longest = rules.Max(r => r.Window);
        while (times.Count > 0 && at - times.Peek() > longest)
        {
            times.Dequeue();
        }

        var raised = new List<AlertRaisedEventArgs>();
        foreach (var rule in rules)
        {
            var count = times.Count(t => at - t <= rule.Window);
            if (count >= rule.Count)
            {
                raised.Add(new AlertRaisedEventArgs(
                    map,
                    kind,
                    count,
                    rule.Window,
                    rule.Action,
                    $"Map {map}: {count} {kind} failures within {rule.Window}; action {rule.Action}.",
                    at));
            }
        }

        if (raised.Count > 0)
        {
            times.Clear();
        }

        return raised;
    }
}
