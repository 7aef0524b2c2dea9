using System.Collections.Generic;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>Where staging of a side starts, and which later changes a partition's live passes dealt with already.</summary>
internal sealed class DealtWith
{
    private readonly Dictionary<int, long>? _ahead;
    private readonly PartitionScope? _partitions;

    public DealtWith(long start, Dictionary<int, long>? ahead, PartitionScope? partitions)
    {
        Start = start;
        _ahead = ahead;
        _partitions = partitions;
    }

    /// <summary>The least position every partition has dealt with: staging reads from there.</summary>
    public long Start { get; }

    /// <summary>Whether the change at <paramref name="sequence"/> of the record was dealt with by its partition.</summary>
    public bool Includes(string map, string recordKey, long sequence) =>
        _ahead is { Count: > 0 } && _ahead.TryGetValue(_partitions!.PartitionOf(map, recordKey), out var cursor) && sequence <= cursor;
}
