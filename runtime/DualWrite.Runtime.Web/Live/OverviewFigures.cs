using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Web.Live;

/// <summary>Reads the overview's figures of every map from the runtime, the state store and the two change logs' heads.</summary>
internal sealed class OverviewFigures
{
    private readonly DualWriteRuntime _runtime;
    private readonly DualWriteEnvironments _environments;
    private readonly ThroughputMonitor _throughput;

    public OverviewFigures(DualWriteRuntime runtime, DualWriteEnvironments environments, ThroughputMonitor throughput)
    {
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
        return _runtime.Maps.Select(map => new MapFigures(
            map.Name,
            _runtime.GetMapState(map.Name).ToString(),
            _runtime.GetStagedCount(map.Name),
            pages.CountErrors(new ErrorFilter(map.Name)),
            cursors[map.Name].Sum(c => System.Math.Max(0, (c.Side == Side.Fo ? foHead : dataverseHead) - c.Sequence)),
            _throughput.Of(map.Name))).ToList();
    }
}
