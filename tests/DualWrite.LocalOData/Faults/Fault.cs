using System;

namespace DualWrite.LocalOData.Faults;

/// <summary>A fault to inject into a request.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Status">The status of a <see cref="FaultKind.Status"/> fault.</param>
/// <param name="Delay">The <c>Retry-After</c> of a 429/503, or how long a <see cref="FaultKind.Hang"/> holds the request.</param>
/// <param name="Operation">The 1-based changeset operation a <see cref="FaultKind.FailChangesetOperation"/> fails.</param>
public sealed record Fault(FaultKind Kind, int Status, TimeSpan Delay, int Operation)
{
    /// <summary>429 Too Many Requests with <c>Retry-After</c> (whole seconds, rounded up), as Dataverse's service protection limits and F&amp;O's priority-based throttling answer.</summary>
    public static Fault Throttle(TimeSpan retryAfter) => new(FaultKind.Status, 429, retryAfter, 0);

    /// <summary>A server error (500 by default, or 503 Service Unavailable, which also carries <c>Retry-After</c> when <paramref name="retryAfter"/> is given).</summary>
    public static Fault ServerError(int status = 500, TimeSpan? retryAfter = null) => new(FaultKind.Status, status, retryAfter ?? TimeSpan.Zero, 0);

    /// <summary>Holds the request for <paramref name="delay"/>, then executes it.</summary>
    public static Fault Hang(TimeSpan delay) => new(FaultKind.Hang, 0, delay, 0);

    /// <summary>Drops the connection before the request executes.</summary>
    public static Fault DropBeforeProcessing() => new(FaultKind.DropBeforeProcessing, 0, TimeSpan.Zero, 0);

    /// <summary>Commits the request, then drops the connection half-way through the response.</summary>
    public static Fault DropMidResponse() => new(FaultKind.DropMidResponse, 0, TimeSpan.Zero, 0);

    /// <summary>Holds the request until the client aborts it; it never executes.</summary>
    public static Fault HoldUntilAborted() => new(FaultKind.HoldUntilAborted, 0, TimeSpan.Zero, 0);

    /// <summary>Fails operation <paramref name="operation"/> (1-based) of a <c>$batch</c> changeset with a 500.</summary>
    public static Fault FailChangesetOperation(int operation) =>
        operation >= 1 ? new(FaultKind.FailChangesetOperation, 500, TimeSpan.Zero, operation) : throw new ArgumentOutOfRangeException(nameof(operation), "Operations are numbered from 1.");
}
