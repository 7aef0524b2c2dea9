using System;
using System.Globalization;
using System.Threading.Tasks;

namespace DualWrite.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- engine-cpu [repeats]</c>: <see cref="EngineBenchmarks"/>' three runs, each timed once per
/// repeat by wall clock and by the process's CPU time, with the engine's allocations and garbage-collection pauses per
/// change. BenchmarkDotNet gives the figures of docs/performance.md; this is the quick look used while changing the engine, and on a
/// machine shared with other work CPU time moves less than wall time.
/// </summary>
internal static class EngineCpuMeasurement
{
    public static async Task RunAsync(int repeats)
    {
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var benchmarks = new EngineBenchmarks();
            benchmarks.SetUpRaw();
            var raw = await MeasureAsync(() =>
            {
                benchmarks.RawInsert();
                return Task.CompletedTask;
            });
            benchmarks.CleanUp();
            benchmarks.SetUpEnvironment();
            var plain = await MeasureAsync(() =>
            {
                benchmarks.PlainSqlIntoEnvironment();
                return Task.CompletedTask;
            });
            benchmarks.CleanUp();
            benchmarks.SetUpEngine();
            var engine = await MeasureAsync(benchmarks.Engine);
            benchmarks.CleanUp();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"raw {raw.Wall:F2} us ({raw.Cpu:F2} CPU) | plain SQL into Dataverse {plain.Wall:F2} us ({plain.Cpu:F2} CPU) | " +
                $"engine {engine.Wall:F2} us ({engine.Cpu:F2} CPU), {engine.Allocated:F0} B, GC pauses {engine.GcPause:F2} us | engine/raw {engine.Wall / raw.Wall:F2}"));
        }
    }

    /// <summary>Per change: wall and CPU microseconds, bytes allocated, microseconds of GC pauses.</summary>
    private static async Task<(double Wall, double Cpu, double Allocated, double GcPause)> MeasureAsync(Func<Task> run)
    {
        var meter = ProcessMeter.Start();
        await run();
        meter.Stop();
        const double Changes = EngineBenchmarks.Changes;
        return (meter.Wall.TotalMicroseconds / Changes, meter.Cpu.TotalMicroseconds / Changes, meter.Allocated / Changes, meter.GcPause.TotalMicroseconds / Changes);
    }
}
