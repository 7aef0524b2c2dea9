using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DualWrite.LocalOData.Protocol;

/// <summary>The opaque <c>$skiptoken</c> of a next link: where the next page starts, how much of <c>$top</c> is left, and the delta token of a change-tracked read.</summary>
/// <param name="After">The key of the last row returned, when pages follow key order (like Dataverse's paging cookie), so rows written meanwhile neither shift nor repeat.</param>
/// <param name="Offset">Rows already returned, when pages follow a <c>$orderby</c>.</param>
/// <param name="RemainingTop">What is left of <c>$top</c>, or null without one.</param>
/// <param name="DeltaToken">The change sequence when a change-tracked read began; the last page's delta link starts there.</param>
public sealed record PageToken(
    [property: JsonPropertyName("a")] IReadOnlyList<JsonElement>? After,
    [property: JsonPropertyName("o")] long Offset,
    [property: JsonPropertyName("t")] long? RemainingTop,
    [property: JsonPropertyName("d")] long? DeltaToken)
{
    /// <summary>The token as it appears in a URL.</summary>
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Reads a token from a URL; anything this service did not write is a 400.</summary>
    public static PageToken? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(token))
                ?? throw ODataServiceException.BadRequest($"Invalid $skiptoken '{token}'.");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw ODataServiceException.BadRequest($"Invalid $skiptoken '{token}'.");
        }
    }

    /// <summary><paramref name="uri"/> with query option <paramref name="name"/> set to <paramref name="value"/> and <paramref name="remove"/> removed.</summary>
    public static Uri WithQueryOption(Uri uri, string name, string value, params string[] remove)
    {
        var kept = new List<string>();
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(part.Split('=', 2)[0]);
            if (key != name && Array.IndexOf(remove, key) < 0)
            {
                kept.Add(part);
            }
        }

        kept.Add($"{name}={Uri.EscapeDataString(value)}");
        var builder = new StringBuilder(uri.GetLeftPart(UriPartial.Path)).Append('?').Append(string.Join("&", kept));
        return new Uri(builder.ToString());
    }
}
