using System;
using System.Collections.Generic;
using System.Linq;

namespace DualWrite.Runtime.Environments.Schema;

/// <summary>An entity set of the schema, laid out as a table.</summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, ColumnSchema> _columns;
    private readonly Dictionary<string, LookupSchema> _lookups;

    /// <summary>Creates the table.</summary>
    public TableSchema(string name, string entityType, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<string> primaryKey, IReadOnlyList<IReadOnlyList<string>> alternateKeys, IReadOnlyList<LookupSchema> lookups)
    {
        Name = name;
        EntityType = entityType;
        Columns = columns;
        PrimaryKey = primaryKey;
        AlternateKeys = alternateKeys;
        Lookups = lookups;

        // SQLite identifiers ignore case, and F&O names match ignoring case (DSL §4), so one comparer serves both sides.
        _columns = columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _lookups = lookups.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The entity set's name, used as the table's name.</summary>
    public string Name { get; }

    /// <summary>The entity type's full name.</summary>
    public string EntityType { get; }

    /// <summary>The columns in schema order.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>The entity key's columns: <c>dataAreaId</c> first for company-specific F&amp;O entities, the Guid id for Dataverse tables.</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>Dataverse alternate keys, each as its columns (a lookup appears as its <c>_x_value</c> column).</summary>
    public IReadOnlyList<IReadOnlyList<string>> AlternateKeys { get; }

    /// <summary>The lookups (single-valued navigation properties with a referential constraint).</summary>
    public IReadOnlyList<LookupSchema> Lookups { get; }

    /// <summary>The column of that name, or null.</summary>
    public ColumnSchema? FindColumn(string name) => _columns.TryGetValue(name, out var column) ? column : null;

    /// <summary>The lookup of that navigation name, or null.</summary>
    public LookupSchema? FindLookup(string name) => _lookups.TryGetValue(name, out var lookup) ? lookup : null;

    /// <summary>The column of that name; throws when the schema has none.</summary>
    public ColumnSchema GetColumn(string name) =>
        FindColumn(name) ?? throw new NotSupportedException($"Table '{Name}' has no column '{name}' in the environment's schema.");

    /// <summary>The lookup of that navigation name; throws when the schema has none.</summary>
    public LookupSchema GetLookup(string name) =>
        FindLookup(name) ?? throw new NotSupportedException($"Table '{Name}' has no lookup '{name}' in the environment's schema.");
}
