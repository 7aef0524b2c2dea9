using System;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Environments;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>
/// <c>http --profile</c>: where a live-sync run's client cost goes, printed after its row. CPU time and allocations by
/// stage (<see cref="StageClock"/>, the rest being the engine and its state store) and the types allocated most
/// (<see cref="AllocationProfile"/>). Measuring costs a little CPU of its own; the run's row stays the figure to quote.
/// </summary>
internal sealed class ClientProfile : IDisposable
{
    private const int TopTypes = 20;
    private const int TopTypesPerStage = 6;
    private readonly StageClock _clock;
    private readonly AllocationProfile _allocations;

    public ClientProfile()
    {
        _clock = new StageClock();
        _allocations = new AllocationProfile(() => _clock.Current);
    }

    public IDualWriteEnvironment Measured(IDualWriteEnvironment environment) => new MeasuredEnvironment(environment, _clock);

    public void Resume()
    {
        _clock.Resume();
        _allocations.Resume();
    }

    public void Stop()
    {
        _clock.Stop();
        _allocations.Stop();
    }

    public void Print(int changes, ProcessMeter meter)
    {
        var stages = _clock.Stages();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Where the client's time goes ({changes:N0} changes):"));
        Console.WriteLine("| stage | calls | CPU per change | share of CPU | allocated per change |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (stage, calls, cpu, allocated) in stages)
        {
            Line(stage, calls.ToString("N0", CultureInfo.InvariantCulture), cpu, allocated);
        }

        Line("engine and state store (the rest)", "", meter.Cpu - stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Cpu), meter.Allocated - stages.Sum(s => s.Allocated));
        Console.WriteLine();
        Console.WriteLine("Types allocated most (sampled by GCAllocationTick):");
        Console.WriteLine("| type | share of bytes | bytes per change |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (type, share, bytes) in _allocations.Top(TopTypes, (double)meter.Allocated / changes))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {share:P1} | {bytes:N0} B |"));
        }

        Console.WriteLine();
        Console.WriteLine("Types allocated most by stage (the same samples, charged to the stage running when each was raised):");
        Console.WriteLine("| stage | type | bytes per change |");
        Console.WriteLine("|---|---|---:|");
        foreach (var stage in stages.OrderByDescending(s => s.Allocated).Select(s => (string?)s.Stage).Append(null))
        {
            foreach (var (type, bytes) in _allocations.TopOf(stage, TopTypesPerStage, (double)meter.Allocated / changes))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage ?? "engine and state store"} | `{type}` | {bytes:N0} B |"));
            }
        }

        void Line(string stage, string calls, TimeSpan cpu, long allocated) =>
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {stage} | {calls} | {cpu.TotalMicroseconds / changes:N1} µs | {cpu / meter.Cpu:P0} | {allocated / changes:N0} B |"));
    }

    public void Dispose() => _allocations.Dispose();
}
