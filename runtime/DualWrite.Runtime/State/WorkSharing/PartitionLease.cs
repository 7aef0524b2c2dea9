using System;

namespace DualWrite.Runtime.State.WorkSharing;

/// <summary>A host's lease on a partition.</summary>
/// <param name="Partition">The partition, from 0.</param>
/// <param name="HostId">The host holding it, or null when free.</param>
/// <param name="Epoch">Grows each time the partition changes hands: the fencing token a host's state updates carry.</param>
/// <param name="ExpiresAt">When the lease runs out unless renewed.</param>
public sealed record PartitionLease(int Partition, string? HostId, long Epoch, DateTimeOffset ExpiresAt);
