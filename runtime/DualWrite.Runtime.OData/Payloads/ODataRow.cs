using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.OData.Payloads;

/// <summary>A row as the service sent it: its properties as plain values (enum members and dates as text) and its ETag.</summary>
internal sealed class ODataRow
{
    public ODataRow(Dictionary<string, object?> properties, string? etag)
    {
        Properties = properties;
        ETag = etag;
    }

    public Dictionary<string, object?> Properties { get; }

    public string? ETag { get; }

    public object? this[string name] => Properties.TryGetValue(name, out var value) ? value : null;

    public static Dictionary<string, object?> NewProperties() => new(StringComparer.OrdinalIgnoreCase);

    public static Dictionary<string, object?> NewProperties(int capacity) => new(capacity, StringComparer.OrdinalIgnoreCase);
}

/// <summary>One page of a feed: rows, rows deleted since the delta link (their ids), and where to go next.</summary>
internal sealed record FeedPage(IReadOnlyList<ODataRow> Rows, IReadOnlyList<string> DeletedIds, Uri? NextLink, Uri? DeltaLink);
