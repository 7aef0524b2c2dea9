using System;

namespace DualWrite.Runtime.State;

/// <summary>Why a map was stopped, so that an operator reading <c>dualwrite status</c> does not have to search the host's log.</summary>
/// <param name="Reason">What stopped it, in words an operator can act on.</param>
/// <param name="At">When it was stopped.</param>
public sealed record MapStopReason(string Reason, DateTimeOffset At);
