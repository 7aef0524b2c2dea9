using System;

namespace DualWrite.LocalOData.Hosting;

/// <summary>A fixed-window request limit: past it, requests answer 429 with the seconds left in the window as <c>Retry-After</c>.</summary>
internal sealed class RequestThrottle
{
    private readonly object gate = new();
    private readonly int limit;
    private readonly TimeSpan window;
    private readonly TimeProvider time;
    private DateTimeOffset windowStart;
    private int count;

    public RequestThrottle(int limit, TimeSpan window, TimeProvider time)
    {
        this.limit = limit;
        this.window = window;
        this.time = time;
        windowStart = time.GetUtcNow();
    }

    /// <summary>Null if the request may go on, else how long the client must wait.</summary>
    public TimeSpan? TryAcquire()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - windowStart >= window)
            {
                windowStart = now;
                count = 0;
            }

            return ++count <= limit ? null : windowStart + window - now;
        }
    }
}
