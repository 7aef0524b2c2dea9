using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>
/// The client's CPU time and allocations split by what the engine asked a connector for: each call through a
/// <see cref="MeasuredEnvironment"/> or <see cref="MeasuredTransaction"/> is charged the process's CPU time and bytes
/// allocated while it ran (its awaits included, since an async call's work hops threads). The engine runs one call at a
/// time; a call made while another is measured is charged to the outer one. What no call is charged is the engine's
/// own work and its state store.
/// </summary>
internal sealed class StageClock
{
    private readonly ConcurrentDictionary<string, Totals> _stages = new(StringComparer.Ordinal);
    private int _depth;
    private int _counting;
    private string? _current;

    /// <summary>The stage whose call is running, or null while the engine works between calls.</summary>
    public string? Current => Volatile.Read(ref _current);

    public void Resume() => Volatile.Write(ref _counting, 1);

    public void Stop() => Volatile.Write(ref _counting, 0);

    public async ValueTask<T> TimeAsync<T>(string stage, Func<ValueTask<T>> call)
    {
        if (Volatile.Read(ref _counting) == 0)
        {
            return await call();
        }

        if (Interlocked.Increment(ref _depth) > 1)
        {
            try
            {
                return await call();
            }
            finally
            {
                Interlocked.Decrement(ref _depth);
            }
        }

        Volatile.Write(ref _current, stage);
        var cpu = Cpu();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        try
        {
            return await call();
        }
        finally
        {
            var totals = _stages.GetOrAdd(stage, _ => new Totals());
            totals.Add(Cpu() - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            Volatile.Write(ref _current, null);
            Interlocked.Decrement(ref _depth);
        }
    }

    public async ValueTask TimeAsync(string stage, Func<ValueTask> call) =>
        await TimeAsync(stage, async () =>
        {
            await call();
            return 0;
        });

    /// <summary>The stages, costliest first: calls, CPU time and bytes allocated.</summary>
    public IReadOnlyList<(string Stage, long Calls, TimeSpan Cpu, long Allocated)> Stages() =>
        _stages.Select(s => (s.Key, s.Value.Calls, s.Value.Cpu, s.Value.Allocated)).OrderByDescending(s => s.Cpu).ToList();

    private static TimeSpan Cpu() => Environment.CpuUsage.TotalTime;

    private sealed class Totals
    {
        private readonly Lock _lock = new();

        public long Calls { get; private set; }

        public TimeSpan Cpu { get; private set; }

        public long Allocated { get; private set; }

        public void Add(TimeSpan cpu, long allocated)
        {
            lock (_lock)
            {
                Calls++;
                Cpu += cpu;
                Allocated += allocated;
            }
        }
    }
}
