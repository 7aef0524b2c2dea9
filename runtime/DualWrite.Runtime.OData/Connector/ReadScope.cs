using System;
using System.Collections.Generic;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// What one transaction has looked up: looked-up rows by id, ids found by a filter on a looked-up table (as the clause a
/// key filter uses), and lookup targets by alternate key with the URL a bind names them by. A pass binds the same few
/// targets (the record's company above all) for every change, so each is read once per transaction, and is found by
/// the relative path or the parts of the query the read would send, without building its URL again; nothing is kept
/// across transactions, where another writer may have changed it.
/// </summary>
internal sealed class ReadScope
{
    public Dictionary<string, ODataRow?> Rows { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>By lookup column, looked-up table and the filter on it: the clause that names the ids found, or null for none.</summary>
    public Dictionary<(string Column, string Table, string Filter), string?> IdFilters { get; } = new(IdFilterKeys.Instance);

    public Dictionary<string, (object? Id, Uri Url)> Targets { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Lookup columns, tables and filters compared ignoring case, as the services compare them.</summary>
internal sealed class IdFilterKeys : IEqualityComparer<(string Column, string Table, string Filter)>
{
    public static readonly IdFilterKeys Instance = new();

    public bool Equals((string Column, string Table, string Filter) x, (string Column, string Table, string Filter) y) =>
        StringComparer.OrdinalIgnoreCase.Equals(x.Column, y.Column) && StringComparer.OrdinalIgnoreCase.Equals(x.Table, y.Table)
        && StringComparer.OrdinalIgnoreCase.Equals(x.Filter, y.Filter);

    public int GetHashCode((string Column, string Table, string Filter) key) =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Column), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Table), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Filter));
}
