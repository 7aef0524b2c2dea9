using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.LocalOData.Faults;

/// <summary>An injected fault and the requests it hits: the next <c>times</c> requests that match its method and path.</summary>
public sealed class FaultRule
{
    private readonly TaskCompletionSource clientAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int remaining;
    private int hits;

    internal FaultRule(Fault fault, int times, string? method, string? pathContains, string? bodyContains = null)
    {
        if (times < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(times), "A fault hits at least one request.");
        }

        Fault = fault;
        remaining = times;
        Method = method;
        PathContains = pathContains;
        BodyContains = bodyContains;
    }

    /// <summary>The fault.</summary>
    public Fault Fault { get; }

    /// <summary>The method it matches (ordinal, upper-case), or null for any.</summary>
    public string? Method { get; }

    /// <summary>A substring of the request's path and query it matches (ordinal, ignoring case), or null for any.</summary>
    public string? PathContains { get; }

    /// <summary>
    /// A text the request's body holds (ordinal, as UTF-8), or null for any: a fault that hits only the requests that carry
    /// one record, as a service refuses the request of a record it cannot take and any smaller one without it.
    /// </summary>
    public string? BodyContains { get; }

    /// <summary>How many requests it has hit.</summary>
    public int Hits => Volatile.Read(ref hits);

    /// <summary>Completes when a client aborted a request the rule held (<see cref="FaultKind.HoldUntilAborted"/>).</summary>
    public Task ClientAborted => clientAborted.Task;

    /// <summary>How many more requests it will hit.</summary>
    public int Remaining => Math.Max(0, Volatile.Read(ref remaining));

    internal bool Matches(string method, string pathAndQuery, ReadOnlySpan<byte> body) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || Uri.UnescapeDataString(pathAndQuery).Contains(PathContains, StringComparison.OrdinalIgnoreCase))
        && (BodyContains is null || body.IndexOf(System.Text.Encoding.UTF8.GetBytes(BodyContains)) >= 0);

    internal void NoteClientAborted() => clientAborted.TrySetResult();

    internal bool TryTake()
    {
        if (Interlocked.Decrement(ref remaining) < 0)
        {
            return false;
        }

        Interlocked.Increment(ref hits);
        return true;
    }
}
