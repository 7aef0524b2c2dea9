using System;

namespace DualWrite.Runtime.Engine.Retries;

/// <summary>How transient failures are retried: exponential backoff from <see cref="BaseDelay"/>, capped at <see cref="MaxDelay"/>.</summary>
public sealed class RetryPolicy
{
    /// <summary>How many times a step is tried in all before its failure counts (at least 1).</summary>
    public int Attempts { get; set; } = 5;

    /// <summary>The wait after the first failure; each further wait doubles it.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failures (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = BaseDelay.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxDelay.TotalMilliseconds));
    }

    internal string? Problem() =>
        Attempts < 1 || BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay
            ? $"A retry policy needs at least one attempt and 0 <= base delay <= max delay; got {Attempts} attempts, {BaseDelay}, {MaxDelay}."
            : null;
}
