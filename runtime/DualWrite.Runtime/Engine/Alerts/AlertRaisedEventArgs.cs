using System;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Alerts;

/// <summary>An alert: a rule fired, or the runtime paused a map whose environment stayed unreachable.</summary>
/// <param name="Map">The map.</param>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Failures">How many failures of that kind fell within <paramref name="Window"/>.</param>
/// <param name="Window">The rule's window.</param>
/// <param name="Action">What the runtime did.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="RaisedAt">When.</param>
public sealed record AlertRaisedEventArgs(string Map, SyncErrorKind Kind, int Failures, TimeSpan Window, AlertAction Action, string Message, DateTimeOffset RaisedAt);
