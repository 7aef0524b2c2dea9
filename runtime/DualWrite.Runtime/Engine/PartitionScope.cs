using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine;

/// <summary>The partitions a host leases for one pass: it syncs only their records, from their own cursors.</summary>
internal sealed class PartitionScope
{
    private readonly HashSet<int> _held;

    public PartitionScope(IPartitionedStateStore store, int partitionCount, IReadOnlyList<PartitionLease> leases)
    {
        Store = store;
        PartitionCount = partitionCount;
        Leases = leases;
        _held = leases.Select(l => l.Partition).ToHashSet();
    }

    public IPartitionedStateStore Store { get; }

    public int PartitionCount { get; }

    public IReadOnlyList<PartitionLease> Leases { get; }

    public IEnumerable<int> Held => _held;

    public bool Holds(int partition) => _held.Contains(partition);

    public int PartitionOf(string map, string recordKey) => Partitions.Of(map, recordKey, PartitionCount);
}
