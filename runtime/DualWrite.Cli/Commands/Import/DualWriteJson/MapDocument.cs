using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DualWrite.Cli.Commands.Import.DualWriteJson;

/// <summary>
/// Reads and writes dual-write map JSON. A document may be a project itself, one <c>msdyn_dualwriteentitymap</c>
/// row (its <c>msdyn_mapping</c> column holds the project as a string), or a Web API collection of rows
/// (<c>{"value": [...]}</c>), of which only the latest <c>msdyn_version</c> of each <c>msdyn_name</c> counts, as
/// dual-write runs only that one.
/// </summary>
public static class MapDocument
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,

        // Value maps hold country names and the like; the default encoder would write every non-ASCII letter as \u escape.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The projects in a document; throws <see cref="JsonException"/> with the reason when it is none of the three shapes.</summary>
    public static IReadOnlyList<MapProject> Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return Read(document.RootElement);
    }

    public static string Write(MapProject project) => JsonSerializer.Serialize(project, Options);

    private static IReadOnlyList<MapProject> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a dual-write map document is a JSON object.");
        }

        if (Property(root, "value") is { ValueKind: JsonValueKind.Array } rows)
        {
            return ReadRows(rows.EnumerateArray());
        }

        if (Property(root, "msdyn_mapping") is not null)
        {
            return [FromRow(root)];
        }

        if (Property(root, "entityMappingTasks") is not null)
        {
            return [root.Deserialize<MapProject>(Options)!];
        }

        throw new JsonException("the document has neither entityMappingTasks (a map project), msdyn_mapping (an msdyn_dualwriteentitymap row) nor value (a list of rows).");
    }

    /// <summary>The projects of <c>msdyn_dualwriteentitymap</c> rows: the latest version of each map.</summary>
    public static IReadOnlyList<MapProject> ReadRows(IEnumerable<JsonElement> rows) => LatestVersions(rows).Select(FromRow).ToList();

    private static MapProject FromRow(JsonElement row) =>
        Property(row, "msdyn_mapping") is { ValueKind: JsonValueKind.String } mapping
            ? Read(mapping.GetString()!).Single()
            : throw new JsonException($"row '{Text(row, "msdyn_name")}' has no msdyn_mapping text.");

    /// <summary>Per map name, the row with the highest version (numeric part by part, as 1.0.0.10 follows 1.0.0.9).</summary>
    private static IEnumerable<JsonElement> LatestVersions(IEnumerable<JsonElement> rows) =>
        rows.GroupBy(row => Text(row, "msdyn_name") ?? string.Empty, StringComparer.Ordinal)
            .Select(group => group.OrderByDescending(row => ParseVersion(Text(row, "msdyn_version"))).First());

    private static Version ParseVersion(string? text) => Version.TryParse(text, out var version) ? version : new Version(0, 0);

    private static string? Text(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement? Property(JsonElement element, string name) =>
        element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
}
