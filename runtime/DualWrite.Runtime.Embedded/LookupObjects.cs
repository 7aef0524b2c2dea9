using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// The object an entity's lookup holds: the looked-up row's key columns only, which is what identifies it on either
/// side, with nested lookups that are part of that key read the same way. Transactions and key-order reads build them
/// alike, each reading looked-up rows through its own cache.
/// </summary>
internal static class LookupObjects
{
    /// <summary>The lookup object of <paramref name="row"/>, a row of <paramref name="table"/>; <paramref name="readById"/> reads a looked-up row by its primary key, or null.</summary>
    public static object Materialize(
        EnvironmentSchema schema,
        IEntityDescriptor descriptor,
        TableSchema table,
        IReadOnlyDictionary<string, object?> row,
        Func<TableSchema, object, IReadOnlyDictionary<string, object?>?> readById)
    {
        var keyColumns = (table.AlternateKeys.Count > 0 ? table.AlternateKeys : new[] { table.PrimaryKey })
            .SelectMany(k => k).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } nested)
            {
                if (table.FindLookup(property.Name) is { } lookup && keyColumns.Contains(lookup.ValueColumn)
                    && row.TryGetValue(lookup.ValueColumn, out var id) && id is not null
                    && readById(schema.GetTable(lookup.TargetTable), id) is { } nestedRow)
                {
                    property.SetValue(entity, Materialize(schema, nested, schema.GetTable(lookup.TargetTable), nestedRow, readById));
                }
            }
            else if (keyColumns.Contains(property.Name) && table.FindColumn(property.Name) is { } column)
            {
                row.TryGetValue(column.Name, out var raw);
                property.SetValue(entity, SqliteValues.FromStorage(raw, property.ClrType));
            }
        }

        return entity;
    }
}
