using System;
using System.Collections.Generic;

namespace DualWrite.LocalOData.Protocol;

/// <summary>One request to a service: a top-level HTTP request, or one operation of a <c>$batch</c>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute request URL.</param>
/// <param name="Headers">The request headers (case-insensitive names).</param>
/// <param name="Body">The request body, empty if none.</param>
public sealed record ODataRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The rows earlier operations of its changeset wrote, for <c>$n</c> references in <c>@odata.bind</c>; null outside a changeset.</summary>
    public ContentIdReferences? References { get; init; }

    /// <summary>The parsed <c>Prefer</c> header.</summary>
    public Preferences Prefer => Preferences.Parse(Header("Prefer"));
}
