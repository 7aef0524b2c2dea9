using System.Diagnostics;
using System.Threading;

namespace DualWrite.Benchmarks.Hosts;

/// <summary>Time summed over every host of a run: with the environments' write locks held, and in state-store calls.</summary>
internal sealed class Timings
{
    private long _lockHeld;
    private long _stateStore;

    public double LockHeldSeconds => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _lockHeld)).TotalSeconds;

    public double StateStoreSeconds => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _stateStore)).TotalSeconds;

    public void AddLockHeld(long ticks) => Interlocked.Add(ref _lockHeld, ticks);

    public void AddStateStore(long ticks) => Interlocked.Add(ref _stateStore, ticks);

    /// <summary>Starts again from zero, when the measured work begins.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _lockHeld, 0);
        Interlocked.Exchange(ref _stateStore, 0);
    }
}
