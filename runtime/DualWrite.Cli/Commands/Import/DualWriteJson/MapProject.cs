using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DualWrite.Cli.Commands.Import.DualWriteJson;

// Dual-write's map document (the msdyn_mapping column of msdyn_dualwriteentitymap). Microsoft publishes no schema for
// it; these records hold the part that describes a map and nothing of the service's bookkeeping (ids, owners, states),
// which the reader skips and the writer leaves out.

/// <summary>A dual-write project: its entity mapping tasks (one per map) and the environments' key definitions.</summary>
public sealed record MapProject
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("environments")]
    public IReadOnlyList<MapEnvironment> Environments { get; init; } = [];

    [JsonPropertyName("entityMappingTasks")]
    public IReadOnlyList<EntityMappingTask> EntityMappingTasks { get; init; } = [];
}

/// <summary>One side's environment: the entities (schemas) the project uses, with their keys.</summary>
public sealed record MapEnvironment
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("targetType")]
    public string? TargetType { get; init; }

    [JsonPropertyName("schemas")]
    public IReadOnlyList<EntitySchema> Schemas { get; init; } = [];
}

/// <summary>An entity (F&amp;O entity or Dataverse table) by name, with its keys.</summary>
public sealed record EntitySchema
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("keys")]
    public IReadOnlyList<EntityKey> Keys { get; init; } = [];
}

/// <summary>A key of an entity; dual-write matches rows by the one marked as the integration key.</summary>
public sealed record EntityKey
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<string> Fields { get; init; } = [];

    [JsonPropertyName("isIntegrationKey")]
    public bool IsIntegrationKey { get; init; }
}

/// <summary>One map: its name and its leg (F&amp;O source, Dataverse destination).</summary>
public sealed record EntityMappingTask
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("order")]
    public int Order { get; init; }

    [JsonPropertyName("legs")]
    public IReadOnlyList<MapLeg> Legs { get; init; } = [];
}

/// <summary>The pairing of an F&amp;O entity with a Dataverse entity set, its filters and its field mappings.</summary>
public sealed record MapLeg
{
    [JsonPropertyName("sourceSchema")]
    public string SourceSchema { get; init; } = string.Empty;

    [JsonPropertyName("destinationSchema")]
    public string DestinationSchema { get; init; } = string.Empty;

    /// <summary>The F&amp;O filter, an X++ query range.</summary>
    [JsonPropertyName("sourceFilter")]
    public string? SourceFilter { get; init; }

    /// <summary>The Dataverse filter, OData <c>$filter</c>.</summary>
    [JsonPropertyName("reversedSourceFilter")]
    public string? ReversedSourceFilter { get; init; }

    [JsonPropertyName("fieldMappings")]
    public IReadOnlyList<JsonFieldMapping> FieldMappings { get; init; } = [];
}

/// <summary>
/// One row of the map. The source is always the F&amp;O field and the destination the Dataverse column (a dotted path
/// through lookups); <c>none</c> or an empty name on one side is a constant set by a default.
/// </summary>
public sealed record JsonFieldMapping
{
    [JsonPropertyName("syncDirection")]
    [JsonConverter(typeof(SyncDirectionConverter))]
    public FieldSyncDirection SyncDirection { get; init; } = FieldSyncDirection.Both;

    [JsonPropertyName("sourceField")]
    public string? SourceField { get; init; }

    [JsonPropertyName("destinationField")]
    public string? DestinationField { get; init; }

    [JsonPropertyName("valueTransforms")]
    public IReadOnlyList<ValueTransform> ValueTransforms { get; init; } = [];
}

/// <summary>Dual-write's numbering of a row's direction.</summary>
public enum FieldSyncDirection
{
    ToDataverse = 1,
    ToFo = 2,
    Both = 3,
}

/// <summary>A transform of a row: <c>ValueMap</c> (F&amp;O value → Dataverse value) or <c>Default</c>.</summary>
public sealed record ValueTransform
{
    public const string ValueMapType = "ValueMap";
    public const string DefaultType = "Default";

    [JsonPropertyName("transformType")]
    public string TransformType { get; init; } = string.Empty;

    [JsonPropertyName("valueMap")]
    public IReadOnlyDictionary<string, string>? ValueMap { get; init; }

    [JsonPropertyName("defaultValue")]
    public string? DefaultValue { get; init; }
}
