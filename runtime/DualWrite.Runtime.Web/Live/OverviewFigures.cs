using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Web.Live;

/// <summary>Reads the overview's figures of every map from the runtime, the state store and the two change logs.</summary>
internal sealed class OverviewFigures
{
    private readonly DualWriteRuntime _runtime;
    private readonly DualWriteEnvironments _environments;
    private readonly ThroughputMonitor _throughput;
    private readonly TimeProvider _clock;

    public OverviewFigures(DualWriteRuntime runtime, DualWriteEnvironments environments, ThroughputMonitor throughput, TimeProvider clock)
    {
        _clock = clock;
        _runtime = runtime;
        _environments = environments;
        _throughput = throughput;
    }

    public async Task<IReadOnlyList<MapFigures>> ReadAsync(CancellationToken cancellationToken)
    {
        var foHead = await _environments.FoEnvironment.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var dataverseHead = await _environments.DataverseEnvironment.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var cursors = _environments.State.GetCursors().ToLookup(c => c.Map);
        var pages = StatePages.Of(_environments.State);
        var figures = new List<MapFigures>();
        foreach (var map in _runtime.Maps)
        {
            var oldest = await _runtime.GetOldestUnsyncedChangeAsync(map.Name, cancellationToken).ConfigureAwait(false);
            figures.Add(new MapFigures(
                map.Name,
                _runtime.GetMapState(map.Name).ToString(),
                _runtime.GetStagedCount(map.Name),
                pages.CountErrors(new ErrorFilter(map.Name)),
                cursors[map.Name].Sum(c => Math.Max(0, (c.Side == Side.Fo ? foHead : dataverseHead) - c.Sequence)),
                oldest is { } at ? Age(_clock.GetUtcNow() - at) : "–",
                _throughput.Of(map.Name)));
        }

        return figures;
    }

    /// <summary>An age in the largest unit that keeps it a whole number below a hundred or so: seconds, minutes, hours, days.</summary>
    internal static string Age(TimeSpan age) => age switch
    {
        { TotalSeconds: < 1 } => "0 s",
        { TotalMinutes: < 2 } => $"{(long)age.TotalSeconds} s",
        { TotalHours: < 2 } => $"{(long)age.TotalMinutes} min",
        { TotalDays: < 2 } => $"{(long)age.TotalHours} h",
        _ => $"{(long)age.TotalDays} d",
    };
}
