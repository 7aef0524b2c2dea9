using System;
using System.Collections.Generic;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// What one transaction has looked up: looked-up rows by id, ids found by a filter, and lookup targets by alternate key
/// with the URL a bind names them by. A pass binds the same few targets (the record's company above all) for every
/// change, so each is read once per transaction, and is found by the relative path or query the read would send
/// without building its URL again; nothing is kept across transactions, where another writer may have changed it.
/// </summary>
internal sealed class ReadScope
{
    public Dictionary<string, ODataRow?> Rows { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, IReadOnlyList<object>> Ids { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, (object? Id, Uri Url)> Targets { get; } = new(StringComparer.OrdinalIgnoreCase);
}
