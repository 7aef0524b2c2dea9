using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>
/// A clock that never moves and whose timers never fire, unlike <see cref="VirtualClock"/>, whose timers jump to their
/// due time: a wait on it ends only by something other than time.
/// </summary>
internal sealed class StoppedClock : TimeProvider
{
    public DateTimeOffset Now { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => default;
    }
}
