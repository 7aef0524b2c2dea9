using System;
using System.Threading;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>
/// A clock that never sleeps: a timer (a Task.Delay, a Retry-After wait) moves the clock to its due time and fires at
/// once. Shared by a local service and a connector, it lets tests wait out minutes of limits in milliseconds.
/// </summary>
internal sealed class VirtualClock : TimeProvider
{
    private readonly object gate = new();
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far the clock has moved.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return new Fired();
        }

        lock (gate)
        {
            var due = now + dueTime;
            now = due > now ? due : now;
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public System.Threading.Tasks.ValueTask DisposeAsync() => default;
    }
}
