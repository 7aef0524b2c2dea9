using System;
using System.Threading;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>A clock that moves one second forward each time it is read, so every write gets a later modified time than the one before, whatever the machine's clock does.</summary>
public sealed class SteppingClock : TimeProvider
{
    private readonly DateTimeOffset start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long ticks;

    public override DateTimeOffset GetUtcNow() => start.AddSeconds(Interlocked.Increment(ref ticks));
}
