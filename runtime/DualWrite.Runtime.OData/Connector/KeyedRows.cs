using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// Rows a transaction knows without asking the service (its own queued writes, the rows its finds read), found by key in
/// constant time. A pass queues every write until its commit and finds a row per change, so scanning them took time
/// growing with the square of the pass. Keys compare as <see cref="EntityPaths.Matches"/> does (text of each value,
/// ignoring case; a null only equals a null), through <see cref="RowPrefetch.KeyText"/>; each index, per table and key
/// path list, takes in the rows added since it was last used. A row's key is read when the row is first indexed: the
/// engine never changes the key of an entity it wrote or found (it writes copies).
/// </summary>
internal sealed class KeyedRows
{
    private readonly List<KnownRow> _rows = new();
    private readonly Dictionary<(TableSchema Table, IReadOnlyList<KeyPath> KeyPaths), Index> _indexes = new(new TableAndPaths());
    private readonly bool _lastWins;

    /// <param name="lastWins">Whether a later row of the same key hides an earlier one (writes) or the first one stays (reads).</param>
    public KeyedRows(bool lastWins) => _lastWins = lastWins;

    public void Add(KnownRow row) => _rows.Add(row);

    /// <summary>
    /// The row of <paramref name="table"/> whose values at <paramref name="keyPaths"/> have <paramref name="keyText"/>
    /// (<see cref="RowPrefetch.KeyText"/> of them), if known. The caller builds the text once for every place it looks.
    /// </summary>
    public KnownRow? Find(TableSchema table, IReadOnlyList<KeyPath> keyPaths, string keyText)
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        if (!_indexes.TryGetValue((table, keyPaths), out var index))
        {
            index = new Index();
            _indexes.Add((table, keyPaths), index);
        }

        object?[]? values = null;
        for (; index.Indexed < _rows.Count; index.Indexed++)
        {
            var row = _rows[index.Indexed];
            if (row.Table != table)
            {
                continue;
            }

            values ??= new object?[keyPaths.Count];
            for (var i = 0; i < keyPaths.Count; i++)
            {
                values[i] = keyPaths[i].ReadValue(row.Descriptor, row.Entity);
            }

            var text = RowPrefetch.KeyText(table, keyPaths, values);
            if (_lastWins)
            {
                index.Positions[text] = index.Indexed;
            }
            else
            {
                index.Positions.TryAdd(text, index.Indexed);
            }
        }

        return index.Positions.TryGetValue(keyText, out var position) ? _rows[position] : null;
    }

    public void Clear()
    {
        _rows.Clear();
        _indexes.Clear();
    }

    private sealed class Index
    {
        public Dictionary<string, int> Positions { get; } = new(StringComparer.Ordinal);

        public int Indexed { get; set; }
    }

    // The engine passes the same key path list for every change of a map, so the list itself names the index.
    private sealed class TableAndPaths : IEqualityComparer<(TableSchema Table, IReadOnlyList<KeyPath> KeyPaths)>
    {
        public bool Equals((TableSchema Table, IReadOnlyList<KeyPath> KeyPaths) x, (TableSchema Table, IReadOnlyList<KeyPath> KeyPaths) y) =>
            ReferenceEquals(x.Table, y.Table) && ReferenceEquals(x.KeyPaths, y.KeyPaths);

        public int GetHashCode((TableSchema Table, IReadOnlyList<KeyPath> KeyPaths) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Table), RuntimeHelpers.GetHashCode(key.KeyPaths));
    }
}

/// <summary>A row the transaction knows: written (or deleted) by it, or read by one of its finds.</summary>
internal sealed record KnownRow(TableSchema Table, IEntityDescriptor Descriptor, object Entity, bool Deleted, LocatedRow? Location);
