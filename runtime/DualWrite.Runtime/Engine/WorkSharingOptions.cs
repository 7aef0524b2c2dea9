using System;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// How a runtime shares the work with other hosts through a <see cref="State.WorkSharing.IPartitionedStateStore"/>:
/// it syncs only the records of the partitions it leases.
/// </summary>
public sealed class WorkSharingOptions
{
    /// <summary>The host's identity among those sharing the store; unique per running process.</summary>
    public string HostId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>How many partitions the records are spread over; every host sharing a store must use the same count.</summary>
    public int PartitionCount { get; set; } = 16;

    /// <summary>How long a lease lasts unless renewed: how soon the partitions of a host that died are taken over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
}
