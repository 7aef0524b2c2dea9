using System;
using System.Diagnostics;

namespace DualWrite.Benchmarks;

/// <summary>
/// What this process spent between <see cref="Start"/> and <see cref="Stop"/>: wall time, CPU time (all its threads),
/// bytes allocated and garbage-collection pauses. CPU time moves less than wall time on a shared machine, and a
/// client measured in its own process is charged none of its services' work.
/// </summary>
internal sealed class ProcessMeter
{
    private readonly Stopwatch clock = new();
    private TimeSpan cpu;
    private long allocated;
    private TimeSpan paused;

    public TimeSpan Wall { get; private set; }

    public TimeSpan Cpu { get; private set; }

    public long Allocated { get; private set; }

    public TimeSpan GcPause { get; private set; }

    public static ProcessMeter Start()
    {
        var meter = new ProcessMeter();
        meter.Resume();
        return meter;
    }

    /// <summary>Starts measuring again, adding to what was measured before (the parts of a run that are the client's).</summary>
    public void Resume()
    {
        using var process = Process.GetCurrentProcess();
        cpu = process.TotalProcessorTime;
        allocated = GC.GetTotalAllocatedBytes(precise: true);
        paused = GC.GetTotalPauseDuration();
        clock.Restart();
    }

    /// <summary>Adds what was spent since <see cref="Resume"/>.</summary>
    public ProcessMeter Stop()
    {
        clock.Stop();
        using var process = Process.GetCurrentProcess();
        Wall += clock.Elapsed;
        Cpu += process.TotalProcessorTime - cpu;
        Allocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GcPause += GC.GetTotalPauseDuration() - paused;
        return this;
    }
}
