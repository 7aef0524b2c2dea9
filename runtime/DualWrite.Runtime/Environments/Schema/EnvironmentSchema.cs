using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Schema;

namespace DualWrite.Runtime.Environments.Schema;

/// <summary>
/// The tables of one environment, laid out from its CSDL <c>$metadata</c> as the one reader (<see cref="CsdlReader"/>)
/// read it and by the rules of <see cref="SchemaIndex"/>.
/// </summary>
public sealed class EnvironmentSchema
{
    private readonly Dictionary<string, TableSchema> _byName;
    private readonly Dictionary<string, TableSchema> _byEntityType;

    /// <summary>Lays out the schema of <paramref name="model"/>.</summary>
    public EnvironmentSchema(Side side, SchemaModel model)
    {
        var tables = SchemaTables.Of(model);
        Side = side;
        Model = model;
        Tables = tables;
        _byName = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _byEntityType = new Dictionary<string, TableSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            // An entity type may back several entity sets; lookups resolve to the first, as the container lists them.
            _byEntityType.TryAdd(table.EntityType, table);
        }
    }

    /// <summary>Reads the schema from a CSDL file.</summary>
    /// <exception cref="InvalidDataException">The file is not a CSDL document.</exception>
    public static EnvironmentSchema ReadFile(Side side, string path)
    {
        using var stream = File.OpenRead(path);
        return Read(side, stream, path);
    }

    /// <summary>Reads the schema from a stream; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a CSDL document.</exception>
    public static EnvironmentSchema Read(Side side, Stream stream, string source)
    {
        using var text = new StreamReader(stream, leaveOpen: true);
        var result = CsdlReader.Read(source, text);
        return result.Schema is { } model ? new EnvironmentSchema(side, model) : throw new InvalidDataException(result.Error);
    }

    /// <summary>The side the schema describes.</summary>
    public Side Side { get; }

    /// <summary>The document as read: every type, enum and binding, for what the tables do not show.</summary>
    public SchemaModel Model { get; }

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
