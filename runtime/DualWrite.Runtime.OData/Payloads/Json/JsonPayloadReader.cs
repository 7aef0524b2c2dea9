using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Payloads.Json;

/// <summary>
/// Reads entity bodies and pages of entity collections (OData JSON, minimal metadata) with <see cref="Utf8JsonReader"/>,
/// giving the same <see cref="ODataRow"/> and <see cref="FeedPage"/> values as the connector's ODataLib reader:
/// declared properties typed by the schema, <c>@odata.etag</c> as the row's ETag, <c>@odata.nextLink</c> and
/// <c>@odata.deltaLink</c>, deleted entries of a delta page as their ids. Other annotations (<c>@odata.context</c>,
/// <c>_x_value@Microsoft.Dynamics.CRM.lookuplogicalname</c>, <c>x@OData.Community.Display.V1.FormattedValue</c>) are
/// skipped, as ODataLib skips instance annotations nobody asked it to include; so are nested resources and navigation
/// properties.
/// </summary>
internal static class JsonPayloadReader
{
    private static readonly byte[] ETag = "@odata.etag"u8.ToArray();
    private static readonly byte[] Context = "@odata.context"u8.ToArray();
    private static readonly byte[] Removed = "@removed"u8.ToArray();
    private static readonly byte[] Id = "@id"u8.ToArray();
    private static readonly byte[] Value = "value"u8.ToArray();
    private static readonly byte[] NextLink = "@odata.nextLink"u8.ToArray();
    private static readonly byte[] DeltaLink = "@odata.deltaLink"u8.ToArray();

    /// <summary>One entity (the answer to a read by key, or a write with <c>return=representation</c>).</summary>
    public static ODataRow ReadRow(ReadOnlySpan<byte> json, IEdmStructuredType type)
    {
        var reader = new Utf8JsonReader(json);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "an entity object");
        return ReadEntity(ref reader, PropertyNames.Of(type), out _);
    }

    /// <summary>One page of a collection or delta feed; relative links are resolved against <paramref name="baseUri"/>.</summary>
    public static FeedPage ReadPage(ReadOnlySpan<byte> json, IEdmStructuredType type, Uri? baseUri)
    {
        var reader = new Utf8JsonReader(json);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "a collection object");
        var names = PropertyNames.Of(type);
        var rows = new List<ODataRow>();
        var deleted = new List<string>();
        Uri? next = null;
        Uri? delta = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Value))
            {
                reader.Read();
                Expect(reader.TokenType == JsonTokenType.StartArray, "a 'value' array");
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var row = ReadEntity(ref reader, names, out var deletedId);
                    if (deletedId is null)
                    {
                        rows.Add(row);
                    }
                    else
                    {
                        deleted.Add(deletedId);
                    }
                }
            }
            else if (reader.ValueTextEquals(NextLink))
            {
                reader.Read();
                next = Link(reader.GetString()!, baseUri);
            }
            else if (reader.ValueTextEquals(DeltaLink))
            {
                reader.Read();
                delta = Link(reader.GetString()!, baseUri);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new FeedPage(rows, deleted, next, delta);
    }

    // Reads the members of an object whose StartObject is the current token; a deleted entry gives its id instead.
    private static ODataRow ReadEntity(ref Utf8JsonReader reader, PropertyNames names, out string? deletedId)
    {
        // Sized for the row's values: grown from empty, a row's table was copied three times.
        var properties = ODataRow.NewProperties(names.Structural);
        string? etag = null;
        string? id = null;
        var deleted = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ETag))
            {
                reader.Read();
                etag = reader.GetString();
                continue;
            }

            if (reader.ValueTextEquals(Context))
            {
                reader.Read();
                deleted |= reader.GetString()!.EndsWith("/$deletedEntity", StringComparison.Ordinal);
                continue;
            }

            if (reader.ValueTextEquals(Removed))
            {
                deleted = true;
                reader.Read();
                reader.Skip();
                continue;
            }

            if (reader.ValueTextEquals(Id))
            {
                reader.Read();
                id = reader.GetString();
                continue;
            }

            var (name, property) = names.Read(ref reader);
            reader.Read();
            if ((property is null && name.Contains('@', StringComparison.Ordinal)) || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            if (property is IEdmNavigationProperty)
            {
                reader.Skip();
                continue;
            }

            if (deleted && id is null && name == "id")
            {
                id = reader.GetString();
                continue;
            }

            properties[name] = JsonValueReader.Read(ref reader, property?.Type);
        }

        deletedId = deleted ? DeletedId(id, properties) : null;
        return new ODataRow(properties, etag);
    }

    // As the connector names a deleted row: Dataverse's "id", the key inside an @id URL, or the first key property.
    private static string DeletedId(string? id, Dictionary<string, object?> properties)
    {
        if (id is null)
        {
            foreach (var (_, value) in properties)
            {
                return ODataValues.KeyText(value);
            }

            return string.Empty;
        }

        return ODataValues.KeyOfEntityId(id);
    }

    private static Uri Link(string text, Uri? baseUri)
    {
        var link = new Uri(text, UriKind.RelativeOrAbsolute);
        return link.IsAbsoluteUri || baseUri is null ? link : new Uri(baseUri, link);
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new JsonException($"The OData payload is not {what}.");
        }
    }
}
