using System;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>A map's state changed: paused, resumed or stopped by an operator, an alert rule or the host's preflight.</summary>
/// <param name="Map">The map.</param>
/// <param name="From">Its state before.</param>
/// <param name="To">Its state now.</param>
/// <param name="Reason">Why, when the caller said (a stop's reason is also stored: <see cref="IStateStore.GetStopReason"/>); null otherwise.</param>
/// <param name="At">When.</param>
public sealed record MapStateChangedEventArgs(string Map, MapState From, MapState To, string? Reason, DateTimeOffset At);
