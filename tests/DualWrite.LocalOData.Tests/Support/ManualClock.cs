using System;
using System.Threading;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>A clock that stands still until a test moves it; elapsed time (timestamps) stays the machine's.</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
