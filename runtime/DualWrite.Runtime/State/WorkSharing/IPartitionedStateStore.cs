using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.State.WorkSharing;

/// <summary>
/// A state store several hosts share (PostgreSQL): records are spread over a fixed number of partitions, each host
/// leases some of them and keeps a cursor per (map, side, partition). A <see cref="StateUpdate"/> fenced with the
/// leases it was computed under (<see cref="StateUpdate.FenceWith"/>) is refused when one of them was taken over since.
/// </summary>
public interface IPartitionedStateStore : IStateStore
{
    /// <summary>The partition cursors of a map's side, by partition; a partition missing here starts at <see cref="IStateStore.GetCursor"/>.</summary>
    IReadOnlyDictionary<int, long> GetPartitionCursors(string map, Side side);

    /// <summary>
    /// Renews the host's leases and balances the partitions over the live hosts: takes free and expired partitions up to
    /// its share, gives back what exceeds it. Returns the leases the host holds now.
    /// </summary>
    /// <exception cref="ArgumentException">The store was set up with another partition count.</exception>
    IReadOnlyList<PartitionLease> AcquirePartitions(string hostId, int partitionCount, TimeSpan leaseDuration);

    /// <summary>Extends the host's leases without rebalancing, while a long pass runs; returns how many it holds.</summary>
    int RenewPartitions(string hostId, TimeSpan leaseDuration);

    /// <summary>Gives back every lease of the host, for a host that stops, so the others take its partitions at once.</summary>
    void ReleasePartitions(string hostId);

    /// <summary>Every partition's lease, by partition.</summary>
    IReadOnlyList<PartitionLease> GetLeases();
}
