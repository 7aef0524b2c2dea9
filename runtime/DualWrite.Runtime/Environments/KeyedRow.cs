using System.Collections.Generic;

namespace DualWrite.Runtime.Environments;

/// <summary>A row read in key order: its key as text in key-path order, and the row as an entity.</summary>
/// <param name="Key">The key values as text (an absent value reads as empty), in the order of the key paths asked for.</param>
/// <param name="Entity">The row, lookups filled with the looked-up rows' key columns.</param>
public readonly record struct KeyedRow<T>(IReadOnlyList<string> Key, T Entity)
    where T : class;
