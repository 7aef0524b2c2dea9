using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>Where staging of a side starts, and which later changes a partition's live passes dealt with already.</summary>
internal sealed class DealtWith
{
    private static readonly Dictionary<int, long> NoneAhead = new();

    private readonly IReadOnlyDictionary<int, long> _ahead;
    private readonly Func<string, string, int> _partitionOf;

    public DealtWith(long start, IReadOnlyDictionary<int, long> ahead, Func<string, string, int> partitionOf)
    {
        Start = start;
        _ahead = ahead;
        _partitionOf = partitionOf;
    }

    /// <summary>The least position every partition has dealt with: staging reads from there.</summary>
    public long Start { get; }

    /// <summary>Everything up to <paramref name="cursor"/> and nothing after it.</summary>
    public static DealtWith UpTo(long cursor) => new(cursor, NoneAhead, (_, _) => 0);

    /// <summary>Whether the change at <paramref name="sequence"/> of the record was dealt with by its partition.</summary>
    public bool Includes(string map, string recordKey, long sequence) =>
        _ahead.Count > 0 && _ahead.TryGetValue(_partitionOf(map, recordKey), out var cursor) && sequence <= cursor;
}
