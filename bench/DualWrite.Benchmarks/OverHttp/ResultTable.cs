using System;
using System.Globalization;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>The one table the throughput runs print, a row per run as it finishes (docs/performance.md, "Throughput over HTTP").</summary>
internal static class ResultTable
{
    public static void Header()
    {
        Console.WriteLine("| run | N | per second | client CPU per change | client allocated per change | client peak working set | ceiling (share reached) | requests per 1,000 changes (429s) | check |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    }

    public static void Row(string run, int count, ProcessMeter meter, long peakWorkingSet, string ceiling, string requests, string check)
    {
        var rate = count / meter.Wall.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {run} | {count:N0} | {rate:N0} | {meter.Cpu.TotalMicroseconds / count:N1} µs | {meter.Allocated / count:N0} B | {peakWorkingSet / (1024 * 1024):N0} MB | {ceiling} | {requests} | {check} |"));
    }

    public static void Failed(string run, int count, Exception error) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {count:N0} | | | | | | | failed: {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")} |"));

    /// <summary>The ceiling and the share of it reached, or a dash without limits.</summary>
    public static string Ceiling(double? ceiling, double rate) =>
        ceiling is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:N0}/s ({rate / value:P0})") : "none";
}
