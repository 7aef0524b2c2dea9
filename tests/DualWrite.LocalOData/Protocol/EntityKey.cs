using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Storage;
using Microsoft.OData.UriParser;

namespace DualWrite.LocalOData.Protocol;

/// <summary>The key of a URL's key segment, in storage form: the primary key or one of the alternate keys.</summary>
/// <param name="Values">Key property to stored value.</param>
/// <param name="IsAlternate">Whether the values are an alternate key.</param>
public sealed record EntityKey(IReadOnlyDictionary<string, object?> Values, bool IsAlternate)
{
    /// <summary>The key of a parsed key segment.</summary>
    public static EntityKey From(EntitySetInfo set, KeySegment segment)
    {
        var values = segment.Keys.ToDictionary(k => k.Key, k => StorageValues.ToStorage(set.Column(k.Key), k.Value), StringComparer.Ordinal);
        var isPrimary = values.Count == set.Key.Count && set.Key.All(values.ContainsKey);
        return new EntityKey(values, !isPrimary);
    }

    /// <summary>The key as written in a URL, for messages.</summary>
    public override string ToString() =>
        Values.Count == 1 && !IsAlternate ? $"{Values.Single().Value}" : string.Join(",", Values.Select(v => $"{v.Key}={v.Value}"));
}
