using System;
using System.Collections.Generic;
using System.Text.Json;

namespace DualWrite.Runtime.OData.Payloads.Json;

/// <summary>
/// Writes entity bodies (what the connector POSTs and PATCHes: properties, <c>navigation@odata.bind</c> and cleared
/// navigation properties as <c>"navigation": null</c>) and pages of entity collections with <see cref="Utf8JsonWriter"/>,
/// in the JSON ODataLib writes for the same values with minimal metadata.
/// </summary>
internal static class JsonPayloadWriter
{
    /// <summary>The body of a create, update or upsert; a bulk message's target also carries annotations (<c>@odata.type</c>, <c>@odata.id</c>), written first.</summary>
    public static void WriteEntity(
        Utf8JsonWriter writer,
        IEnumerable<KeyValuePair<string, object?>> properties,
        IEnumerable<KeyValuePair<string, Uri>> binds,
        IEnumerable<KeyValuePair<string, string>> clears,
        IEnumerable<KeyValuePair<string, string>>? annotations = null)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in annotations ?? Array.Empty<KeyValuePair<string, string>>())
        {
            writer.WriteString(name, value);
        }

        WriteProperties(writer, properties);
        foreach (var (navigation, target) in binds)
        {
            writer.WriteString(navigation + "@odata.bind", target.OriginalString);
        }

        foreach (var (navigation, _) in clears)
        {
            writer.WriteNull(navigation);
        }

        writer.WriteEndObject();
    }

    /// <summary>A page of a collection or delta feed: the rows with their ETags, the ids of deleted rows (as Dataverse writes them), and the links.</summary>
    public static void WritePage(Utf8JsonWriter writer, Uri context, FeedPage page)
    {
        writer.WriteStartObject();
        writer.WriteString("@odata.context", context.OriginalString);
        writer.WriteStartArray("value");
        foreach (var row in page.Rows)
        {
            writer.WriteStartObject();
            if (row.ETag is not null)
            {
                writer.WriteString("@odata.etag", row.ETag);
            }

            WriteProperties(writer, row.Properties);
            writer.WriteEndObject();
        }

        var deletedContext = context.OriginalString.Split("/$delta")[0] + "/$deletedEntity";
        foreach (var id in page.DeletedIds)
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", deletedContext);
            writer.WriteString("id", id);
            writer.WriteString("reason", "deleted");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (page.NextLink is not null)
        {
            writer.WriteString("@odata.nextLink", page.NextLink.OriginalString);
        }

        if (page.DeltaLink is not null)
        {
            writer.WriteString("@odata.deltaLink", page.DeltaLink.OriginalString);
        }

        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            JsonValueWriter.Write(writer, value);
        }
    }
}
