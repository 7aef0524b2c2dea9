using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>
/// Where a staging or replay step runs among the hosts. A map's staging queue is one ordered queue, so with several hosts
/// the holder of partition 0 stages and replays it for every partition. Each of its state-store commits is then fenced
/// with that lease: a holder whose lease ran out and was taken over meanwhile stores nothing
/// (<see cref="PartitionLeaseLostException"/>), so a chunk is not staged twice and a replay does not go on after the
/// partition changed hands. And the live passes of each partition may have gone past the map's own cursor before the
/// map was paused: what a partition has dealt with is not staged again.
/// </summary>
internal sealed class StagingScope
{
    /// <summary>One host: plain commits, the map's cursor says what was dealt with.</summary>
    public static readonly StagingScope SingleHost = new(null, null, null);

    private readonly string? _hostId;
    private readonly PartitionLease[]? _fence;
    private readonly PartitionScope? _partitions;

    private StagingScope(string? hostId, PartitionLease? partition0, PartitionScope? partitions)
    {
        _hostId = hostId;
        _fence = partition0 is null ? null : new[] { partition0 };
        _partitions = partitions;
    }

    /// <summary>The scope of a host that holds partition 0 in <paramref name="partitions"/>.</summary>
    public static StagingScope HolderOfPartition0(string hostId, PartitionScope partitions) =>
        new(hostId, partitions.Leases.Single(l => l.Partition == 0), partitions);

    /// <summary>Applies <paramref name="update"/>, fenced with the lease on partition 0 when several hosts share the store.</summary>
    /// <exception cref="PartitionLeaseLostException">Partition 0 changed hands since this pass leased it; nothing was stored.</exception>
    public void Commit(IStateStore state, StateUpdate update)
    {
        if (_fence is not null)
        {
            update.FenceWith(_hostId!, _fence);
        }

        state.Apply(update);
    }

    /// <summary>What a map's side has dealt with, from its cursor <paramref name="cursor"/> and, with several hosts, every partition's cursor.</summary>
    public DealtWith Cursors(string map, Side side, long cursor)
    {
        if (_partitions is null)
        {
            return new DealtWith(cursor, null, null);
        }

        // A partition without a cursor of its own, or one behind the map's, stands at the map's cursor (MapRunner reads them alike).
        var ahead = _partitions.Store.GetPartitionCursors(map, side).Where(p => p.Value > cursor).ToDictionary(p => p.Key, p => p.Value);
        var start = ahead.Count == _partitions.PartitionCount ? ahead.Values.Min() : cursor;
        return new DealtWith(start, ahead, _partitions);
    }
}
