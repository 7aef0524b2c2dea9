using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace DualWrite.Runtime.Web.Live;

/// <summary>
/// Counts the changes the runtime writes, per map, in buckets over the last minutes, from the runtime's own counter
/// (meter DualWrite.Runtime, dualwrite.changes.synced), as any metrics exporter would read it.
/// </summary>
internal sealed class ThroughputMonitor : IDisposable
{
    public static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);
    private const int Buckets = 30;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long[]> _counts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public ThroughputMonitor(TimeProvider clock)
    {
        _clock = clock;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "DualWrite.Runtime" && instrument.Name == "dualwrite.changes.synced")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(MapOf(tags), value));
        _listener.Start();
    }

    /// <summary>The map's counts per bucket, oldest first, the current bucket last.</summary>
    public IReadOnlyList<long> Of(string map)
    {
        var now = Slot();
        var counts = _counts.TryGetValue(map, out var ring) ? ring : new long[Buckets * 2];
        lock (counts)
        {
            return Enumerable.Range(0, Buckets).Select(i => Count(counts, now - Buckets + 1 + i)).ToList();
        }
    }

    public void Dispose() => _listener.Dispose();

    // Each ring slot holds its bucket number and its count, so a slot left from an earlier round reads as zero.
    private static long Count(long[] ring, long slot)
    {
        var index = (int)(slot % Buckets) * 2;
        return ring[index] == slot ? ring[index + 1] : 0;
    }

    private void Add(string? map, long value)
    {
        if (map is null)
        {
            return;
        }

        var ring = _counts.GetOrAdd(map, _ => new long[Buckets * 2]);
        var slot = Slot();
        lock (ring)
        {
            var index = (int)(slot % Buckets) * 2;
            if (ring[index] != slot)
            {
                ring[index] = slot;
                ring[index + 1] = 0;
            }

            ring[index + 1] += value;
        }
    }

    private long Slot() => _clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)Bucket.TotalMilliseconds;

    private static string? MapOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "map")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
