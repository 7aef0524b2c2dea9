using System;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Alerts;

/// <summary>Fires when a map records <paramref name="Count"/> failures of <paramref name="Kind"/> within <paramref name="Window"/>.</summary>
/// <param name="Map">The map the rule watches; null for every map.</param>
/// <param name="Kind">The kind of failure counted.</param>
/// <param name="Count">How many failures fire the rule (at least 1).</param>
/// <param name="Window">The time the failures must fall within.</param>
/// <param name="Action">What happens when it fires.</param>
public sealed record AlertRule(string? Map, SyncErrorKind Kind, int Count, TimeSpan Window, AlertAction Action)
{
    internal string? Problem() =>
        Count < 1 || Window <= TimeSpan.Zero
            ? $"Alert rule for {Map ?? "every map"} ({Kind}) needs a count of at least 1 and a positive window; got {Count} in {Window}."
            : null;
}
