using System;
using System.Globalization;
using System.IO;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>The one table the throughput runs print, a row per run as it finishes (docs/performance.md, "Throughput over HTTP").</summary>
internal static class ResultTable
{
    public static void Header()
    {
        Console.WriteLine("| run | N | per second | client CPU per change | services CPU per change | client allocated per change | client peak working set (managed heap, SQLite) | ceilings (share of the smaller) | requests per 1,000 changes (429s) | load average | check |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    }

    /// <param name="limits">The changes per second the configured service limits allow; null without limits.</param>
    public static Ceilings Row(string run, int count, ProcessMeter meter, MemorySampler memory, ServiceRequests requests, double? limits, string check)
    {
        var rate = count / meter.Wall.TotalSeconds;
        var ceilings = Ceilings.Of(limits, meter.Cpu, requests.ServingCpu, count);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {run} | {count:N0} | {rate:N0} | {meter.Cpu.TotalMicroseconds / count:N1} µs | {requests.ServingCpu.TotalMicroseconds / count:N1} µs | {meter.Allocated / count:N0} B | {memory.Describe()} | {ceilings.Describe(rate)} | {requests.PerThousand(count)} | {LoadAverage()} | {check} |"));
        return ceilings;
    }

    public static void Failed(string run, int count, Exception error) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {count:N0} | | | | | | | | | failed: {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")} |"));

    /// <summary>The machine's 1-minute load average as the row is printed (Linux), since the physical ceiling assumes the cores are the run's.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
