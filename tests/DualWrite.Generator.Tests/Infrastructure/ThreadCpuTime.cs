using System;
using System.Runtime.InteropServices;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>
/// The CPU time the calling thread has used, for figures that must mean something on a machine shared with other
/// builds (wall time there says more about the neighbours than about the code). Linux only; elsewhere null.
/// </summary>
public static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return null;
        }

        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
