using System.Linq;
using DualWrite.Runtime.Engine.WorkScopes;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>
/// The holder of partition 0 stages and replays for every partition. Each of its state-store commits is fenced with that
/// lease: a holder whose lease ran out and was taken over meanwhile stores nothing
/// (<see cref="PartitionLeaseLostException"/>), so a chunk is not staged twice and a replay does not go on after the
/// partition changed hands. And the live passes of each partition may have gone past the map's own cursor before the
/// map was paused: what a partition has dealt with is not staged again.
/// </summary>
internal sealed class PartitionZeroStaging : IStagingScope
{
    private readonly string _hostId;
    private readonly PartitionLease[] _fence;
    private readonly PartitionedPass _partitions;

    public PartitionZeroStaging(string hostId, PartitionedPass partitions)
    {
        _hostId = hostId;
        _fence = new[] { partitions.Leases.Single(l => l.Partition == 0) };
        _partitions = partitions;
    }

    public void Commit(IStateStore state, StateUpdate update)
    {
        update.FenceWith(_hostId, _fence);
        state.Apply(update);
    }

    public DealtWith Cursors(string map, Side side, long cursor)
    {
        // A partition without a cursor of its own, or one behind the map's, stands at the map's cursor (the live pass reads them alike).
        var ahead = _partitions.Store.GetPartitionCursors(map, side).Where(p => p.Value > cursor).ToDictionary(p => p.Key, p => p.Value);
        var start = ahead.Count == _partitions.PartitionCount ? ahead.Values.Min() : cursor;
        return new DealtWith(start, ahead, _partitions.PartitionOf);
    }
}
