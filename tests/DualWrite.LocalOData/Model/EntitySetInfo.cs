using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OData.Edm;

namespace DualWrite.LocalOData.Model;

/// <summary>An entity set of the schema and the table that stores it.</summary>
public sealed class EntitySetInfo
{
    private readonly Dictionary<string, ColumnInfo> columnsByName;

    internal EntitySetInfo(IEdmEntitySet set, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<string> key,
        IReadOnlyList<IReadOnlyList<string>> alternateKeys, IReadOnlyList<LookupInfo> lookups, IReadOnlyList<ReferenceInfo> references)
    {
        References = references;
        Set = set;
        Columns = columns;
        Key = key;
        AlternateKeys = alternateKeys;
        Lookups = lookups;
        columnsByName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The EDM entity set.</summary>
    public IEdmEntitySet Set { get; }

    /// <summary>The entity set's name, also its table's name.</summary>
    public string Name => Set.Name;

    /// <summary>The entity type.</summary>
    public IEdmEntityType EntityType => Set.EntityType;

    /// <summary>Every structural property, in schema order.</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>The primary key's properties, in key order.</summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>The alternate keys (OData.Community.Keys.V1.AlternateKeys), each a list of properties.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AlternateKeys { get; }

    /// <summary>The lookups the entity can bind with <c>@odata.bind</c>.</summary>
    public IReadOnlyList<LookupInfo> Lookups { get; }

    /// <summary>Every single-valued navigation property with a referential constraint.</summary>
    public IReadOnlyList<ReferenceInfo> References { get; }

    /// <summary>Whether the key is a single Guid the service can generate, as every Dataverse table's is.</summary>
    public bool HasGeneratedGuidKey => Key.Count == 1 && Column(Key[0]).Kind == ColumnKind.Guid;

    /// <summary>The column of a property, or an exception naming it.</summary>
    public ColumnInfo Column(string name) =>
        columnsByName.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"Entity set '{Name}' has no property '{name}'.");

    /// <summary>The column of a property, if the type declares it.</summary>
    public ColumnInfo? FindColumn(string name) => columnsByName.GetValueOrDefault(name);

    /// <summary>The lookup whose foreign key is <paramref name="column"/>, if any.</summary>
    public LookupInfo? LookupByColumn(string column) => Lookups.FirstOrDefault(l => l.Column == column);
}
