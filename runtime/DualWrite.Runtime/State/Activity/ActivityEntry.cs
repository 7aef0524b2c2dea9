using System;

namespace DualWrite.Runtime.State.Activity;

/// <summary>One entry of a map's activity log.</summary>
/// <param name="Id">Its position in the log (increasing in the order things happened).</param>
/// <param name="Map">The map.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who did it: a user's name, or what in the runtime did it (an alert rule); null when unknown.</param>
/// <param name="Text">What happened in words: the stop reason, the alert, the counts of an initial-sync run.</param>
public sealed record ActivityEntry(long Id, string Map, DateTimeOffset At, ActivityKind Kind, string? Actor, string Text);
