using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>
/// <c>$n</c> references inside a changeset: a URL (<c>$1</c>, <c>$1/...</c>) or an <c>@odata.bind</c> value that names an
/// earlier operation's <c>Content-ID</c> means the row that operation created or wrote.
/// </summary>
public sealed class ContentIdReferences
{
    private readonly Dictionary<string, Uri> rows = new(StringComparer.Ordinal);

    /// <summary>Records the row an operation wrote (its <c>OData-EntityId</c>).</summary>
    public void Add(string? contentId, ODataResponse response)
    {
        if (contentId is not null && response.Headers.TryGetValue("OData-EntityId", out var url))
        {
            rows[contentId] = new Uri(url);
        }
    }

    /// <summary>The URL a reference stands for, or <paramref name="uri"/> itself when it is not a reference; an unknown reference is a 400.</summary>
    public Uri Resolve(Uri uri, Uri serviceRoot)
    {
        var text = uri.IsAbsoluteUri && uri.AbsoluteUri.StartsWith(serviceRoot.AbsoluteUri, StringComparison.Ordinal)
            ? uri.AbsoluteUri[serviceRoot.AbsoluteUri.Length..]
            : uri.IsAbsoluteUri ? null : uri.OriginalString.TrimStart('/');
        if (text is null || !text.StartsWith('$') || text.StartsWith("$metadata", StringComparison.Ordinal) || text.StartsWith("$batch", StringComparison.Ordinal))
        {
            return uri;
        }

        var end = text.IndexOfAny(new[] { '/', '?' });
        var id = end < 0 ? text[1..] : text[1..end];
        if (!rows.TryGetValue(id, out var row))
        {
            throw ODataServiceException.BadRequest($"'${id}' does not name an earlier operation of this changeset (Content-ID {id}).");
        }

        return new Uri(row.AbsoluteUri + (end < 0 ? "" : text[end..]));
    }
}
