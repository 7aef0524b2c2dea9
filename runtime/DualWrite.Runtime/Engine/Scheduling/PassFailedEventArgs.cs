using System;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>A sync pass of the live loop failed (an environment or the state store); the loop retries it after the poll interval.</summary>
/// <param name="Message">What failed, as the exception said it.</param>
/// <param name="At">When.</param>
public sealed record PassFailedEventArgs(string Message, DateTimeOffset At);
