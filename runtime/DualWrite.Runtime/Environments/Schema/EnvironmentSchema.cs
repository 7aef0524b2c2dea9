using System;
using System.Collections.Generic;
using System.Linq;

namespace DualWrite.Runtime.Environments.Schema;

/// <summary>The tables of one environment, read from its CSDL <c>$metadata</c>.</summary>
public sealed class EnvironmentSchema
{
    private readonly Dictionary<string, TableSchema> _byName;
    private readonly Dictionary<string, TableSchema> _byEntityType;

    /// <summary>Creates the schema.</summary>
    public EnvironmentSchema(Side side, IReadOnlyList<TableSchema> tables)
    {
        Side = side;
        Tables = tables;
        _byName = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _byEntityType = new Dictionary<string, TableSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            // An entity type may back several entity sets; lookups resolve to the first, as the container lists them.
            _byEntityType.TryAdd(table.EntityType, table);
        }
    }

    /// <summary>The side the schema describes.</summary>
    public Side Side { get; }

    /// <summary>The tables, one per entity set.</summary>
    public IReadOnlyList<TableSchema> Tables { get; }

    /// <summary>The table of an entity set, or null.</summary>
    public TableSchema? FindTable(string entitySet) => _byName.TryGetValue(entitySet, out var table) ? table : null;

    /// <summary>The table of an entity set; throws when the schema has none.</summary>
    public TableSchema GetTable(string entitySet) =>
        FindTable(entitySet) ?? throw new NotSupportedException($"The {Side} schema has no entity set '{entitySet}'.");

    /// <summary>The table behind an entity type (its first entity set), or null.</summary>
    public TableSchema? FindTableOfType(string entityType) => _byEntityType.TryGetValue(entityType, out var table) ? table : null;

    /// <summary>The table of an entity class: its entity set, or for a class reached only through lookups, its entity type's set.</summary>
    public TableSchema GetTable(IEntityDescriptor descriptor) =>
        (descriptor.EntitySet is { } set ? FindTable(set) : null)
        ?? FindTableOfType(descriptor.SchemaType)
        ?? throw new NotSupportedException($"The {Side} schema has no entity set for '{descriptor.SchemaType}' ({descriptor.ClrType.Name}).");
}
