using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace DualWrite.Runtime.Engine;

/// <summary>The runtime's instruments, on the meter <c>DualWrite.Runtime</c>.</summary>
internal sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "DualWrite.Runtime";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _synced;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _lag;

    public RuntimeMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _synced = _meter.CreateCounter<long>("dualwrite.changes.synced", "{change}", "Changes written to the other side.");
        _failed = _meter.CreateCounter<long>("dualwrite.changes.failed", "{change}", "Changes that failed: refused live writes and changes parked in the error list.");
        _conflicts = _meter.CreateCounter<long>("dualwrite.conflicts", "{record}", "Records changed on both sides since the last pass.");
        _lag = _meter.CreateHistogram<double>("dualwrite.sync.lag", "s", "Time from a change's commit on its side to its write on the other side.");
    }

    public void Synced(string map, string direction, DateTimeOffset? changedAt)
    {
        var tags = Tags(map, direction);
        _synced.Add(1, tags);
        if (changedAt is { } moment)
        {
            _lag.Record(Math.Max(0, (DateTimeOffset.UtcNow - moment).TotalSeconds), tags);
        }
    }

    public void Failed(string map, string direction) => _failed.Add(1, Tags(map, direction));

    public void Conflict(string map, ConflictPolicy policy) =>
        _conflicts.Add(1, new KeyValuePair<string, object?>("map", map), new KeyValuePair<string, object?>("policy", policy.ToString()));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?>[] Tags(string map, string direction) =>
        new[] { new KeyValuePair<string, object?>("map", map), new KeyValuePair<string, object?>("direction", direction) };
}
