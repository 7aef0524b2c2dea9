using System;

namespace DualWrite.Runtime.State.WorkSharing;

/// <summary>
/// A state update was refused because a partition it covers changed hands after the host computed it (its lease expired
/// and another host took the partition). Nothing of the update was stored; the new owner reads those changes again.
/// </summary>
public sealed class PartitionLeaseLostException : Exception
{
    /// <summary>Creates the exception for the host and the first partition found taken over.</summary>
    public PartitionLeaseLostException(string hostId, int partition)
        : base($"Host '{hostId}' no longer holds partition {partition}; its state update was not stored.")
    {
        HostId = hostId;
        Partition = partition;
    }

    /// <summary>The host whose update was refused.</summary>
    public string HostId { get; }

    /// <summary>The first partition found taken over.</summary>
    public int Partition { get; }
}
