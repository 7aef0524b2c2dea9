using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>
/// Which types this process allocates, sampled from the runtime's <c>GCAllocationTick</c> events (keyword GC, verbose):
/// the runtime raises one each time about 100 KB more has been allocated, naming the type whose allocation crossed the
/// mark, so the amounts summed per type are a statistical split of the bytes allocated. Each sample is also charged to
/// the stage running when it was raised (null: the engine between calls), as the <see cref="StageClock"/> charges bytes.
/// Counts only while resumed.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string? Stage, string Type), long> _byStage = new();
    private readonly Func<string?> _stage;
    private int _counting;

    public AllocationProfile(Func<string?> stage) => _stage = stage;

    public void Resume() => Volatile.Write(ref _counting, 1);

    public void Stop() => Volatile.Write(ref _counting, 0);

    /// <summary>The types with the most bytes sampled, their bytes scaled to the bytes per change the meter measured.</summary>
    public IEnumerable<(string Type, double Share, double BytesPerChange)> Top(int count, double bytesPerChange)
    {
        var total = (double)Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key, t.Value / total, t.Value / total * bytesPerChange));
    }

    /// <summary>The types with the most bytes sampled while a stage ran (null: between calls), scaled as <see cref="Top"/> scales them.</summary>
    public IEnumerable<(string Type, double BytesPerChange)> TopOf(string? stage, int count, double bytesPerChange)
    {
        var total = (double)Math.Max(1, _bytes.Values.Sum());
        return _byStage.Where(t => t.Key.Stage == stage).OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key.Type, t.Value / total * bytesPerChange));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (Volatile.Read(ref _counting) == 0 || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var type = Payload(eventData, "TypeName") as string ?? "?";
        var amount = Convert.ToInt64(Payload(eventData, "AllocationAmount64") ?? Payload(eventData, "AllocationAmount") ?? 0L, CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        _byStage.AddOrUpdate((_stage(), type), amount, (_, sum) => sum + amount);
    }

    private static object? Payload(EventWrittenEventArgs eventData, string name)
    {
        var index = eventData.PayloadNames!.IndexOf(name);
        return index < 0 ? null : eventData.Payload![index];
    }
}
