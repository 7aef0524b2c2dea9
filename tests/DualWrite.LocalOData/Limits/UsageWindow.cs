using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Limits;

/// <summary>The requests one user (or all users) made in a sliding window, with their execution times, and those still in flight. Not thread-safe: <see cref="ServiceProtection"/> holds the lock.</summary>
internal sealed class UsageWindow
{
    private readonly TimeSpan window;
    private readonly LinkedList<Usage> entries = new();
    private TimeSpan execution;

    public UsageWindow(TimeSpan window) => this.window = window;

    public int Count => entries.Count;

    public TimeSpan Execution => execution;

    public int InFlight { get; private set; }

    /// <summary>Forgets the requests that started a whole window ago.</summary>
    public void Slide(DateTimeOffset now)
    {
        while (entries.First is { } oldest && oldest.Value.Start <= now - window)
        {
            execution -= oldest.Value.Duration;
            oldest.Value.Counted = false;
            entries.RemoveFirst();
        }
    }

    public Usage Start(DateTimeOffset now)
    {
        var usage = new Usage(now);
        entries.AddLast(usage);
        InFlight++;
        return usage;
    }

    public void Finish(Usage usage, TimeSpan duration)
    {
        InFlight--;
        usage.Duration = duration;
        if (usage.Counted)
        {
            execution += duration;
        }
    }

    /// <summary>How long until fewer than <paramref name="limit"/> requests are in the window.</summary>
    public TimeSpan UntilCountBelow(int limit, DateTimeOffset now)
    {
        var expiring = entries.Count - limit + 1;
        var node = entries.First;
        for (var i = 1; i < expiring; i++)
        {
            node = node!.Next;
        }

        return node!.Value.Start + window - now;
    }

    /// <summary>How long until the execution time in the window is under <paramref name="limit"/>.</summary>
    public TimeSpan UntilExecutionBelow(TimeSpan limit, DateTimeOffset now)
    {
        var remaining = execution;
        foreach (var usage in entries)
        {
            remaining -= usage.Duration;
            if (remaining < limit)
            {
                return usage.Start + window - now;
            }
        }

        return window;
    }

    /// <summary>One request: when it started and, once it finished, how long it took.</summary>
    internal sealed class Usage
    {
        public Usage(DateTimeOffset start) => Start = start;

        public DateTimeOffset Start { get; }

        public TimeSpan Duration { get; set; }

        /// <summary>False once the request slid out of the window before it finished, so its time is not added to a sum it is no longer part of.</summary>
        public bool Counted { get; set; } = true;
    }
}
