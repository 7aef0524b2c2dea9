using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>Materializing stored rows as entities: lookups become objects carrying the looked-up rows' key columns.</summary>
internal sealed partial class EmbeddedTransaction
{
    private object MaterializeRow(IEntityDescriptor descriptor, TableSchema table, IReadOnlyDictionary<string, object?> row, bool lenient)
    {
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } reference)
            {
                var lookup = table.GetLookup(property.Name);
                if (!row.TryGetValue(lookup.ValueColumn, out var id) || id is null)
                {
                    continue;
                }

                var target = _schema.GetTable(lookup.TargetTable);
                var targetRow = ReadByPrimaryKey(target, id);
                if (targetRow is null)
                {
                    // A polymorphic lookup's value belongs to whichever of its tables holds that id.
                    if (lookup.IsPolymorphic || lenient)
                    {
                        continue;
                    }

                    throw new EnvironmentWriteException($"Lookup '{property.Name}' of {table.Name} points to {target.Name} row {id}, which does not exist.", WriteRefusal.MissingLookup);
                }

                property.SetValue(entity, LookupObjects.Materialize(_schema, reference, target, targetRow, _readById));
            }
            else
            {
                var column = table.GetColumn(property.Name);
                row.TryGetValue(column.Name, out var raw);
                property.SetValue(entity, SqliteValues.FromStorage(raw, property.ClrType));
            }
        }

        return entity;
    }

    /// <summary>A looked-up row; callers only read it, since it is shared with later reads of the same row in the transaction.</summary>
    private IReadOnlyDictionary<string, object?>? ReadByPrimaryKey(TableSchema table, object id)
    {
        var rows = _lookups.RowsOf(table);
        if (!rows.TryGetValue(id, out var row))
        {
            var command = new Statement();
            command.CommandText = $"SELECT * FROM {SqliteLayout.Quote(table.Name)} WHERE {SqliteLayout.Quote(table.PrimaryKey[0])} = {command.Parameter(id)} LIMIT 1";
            row = StatementCache.ReadRows(_statements.Prepare(command)).FirstOrDefault();
            rows.Add(id, row);
        }

        return row;
    }
}
