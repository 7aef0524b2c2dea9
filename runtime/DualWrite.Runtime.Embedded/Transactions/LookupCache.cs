using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// Lookup resolutions and looked-up rows of one transaction, per table read: a pass binds the same few lookup targets
/// (a record's company above all) for every change. The transaction holds the write lock, so only its own writes can
/// change them; a write to a table drops that table's entries (<see cref="Forget"/>).
/// </summary>
internal sealed class LookupCache
{
    private readonly Dictionary<string, Dictionary<string, object?>> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<object, Dictionary<string, object?>?>> _rowsById = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The table's looked-up ids (null for no row) by the columns and values that found them.</summary>
    public Dictionary<string, object?> ResolvedIn(TableSchema table) => CacheOf(_resolved, table, StringComparer.Ordinal);

    /// <summary>The table's rows read by primary key (null for none); callers only read them.</summary>
    public Dictionary<object, Dictionary<string, object?>?> RowsOf(TableSchema table) => CacheOf(_rowsById, table, EqualityComparer<object>.Default);

    public void Forget(TableSchema table)
    {
        _resolved.Remove(table.Name);
        _rowsById.Remove(table.Name);
    }

    private static Dictionary<TKey, TValue> CacheOf<TKey, TValue>(Dictionary<string, Dictionary<TKey, TValue>> caches, TableSchema table, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        if (!caches.TryGetValue(table.Name, out var cache))
        {
            cache = new Dictionary<TKey, TValue>(comparer);
            caches.Add(table.Name, cache);
        }

        return cache;
    }
}
