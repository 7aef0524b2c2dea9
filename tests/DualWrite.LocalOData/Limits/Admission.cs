using System;

namespace DualWrite.LocalOData.Limits;

/// <summary>
/// The limits' answer to one request: refused, or admitted with what the user has left in the window (sent as
/// <c>x-ms-ratelimit-burst-remaining-xrm-requests</c> and <c>x-ms-ratelimit-time-remaining-xrm-requests</c>).
/// Disposing an admitted request ends it: its execution time is counted and it no longer counts as concurrent.
/// </summary>
internal sealed class Admission : IDisposable
{
    private readonly Action? finish;

    public Admission(Refusal? refused, int? requestsRemaining, TimeSpan? timeRemaining, Action? finish)
    {
        Refused = refused;
        RequestsRemaining = requestsRemaining;
        TimeRemaining = timeRemaining;
        this.finish = finish;
    }

    public Refusal? Refused { get; }

    /// <summary>Requests the user may still make in the window, or null when no per-user limits apply.</summary>
    public int? RequestsRemaining { get; }

    /// <summary>Execution time the user's requests may still take in the window, or null when no per-user limits apply.</summary>
    public TimeSpan? TimeRemaining { get; }

    public void Dispose() => finish?.Invoke();
}
