using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Model;

namespace DualWrite.LocalOData.Storage;

/// <summary>The SQLite DDL for a service's schema: one table per entity set, keyed by the entity key, alternate keys as unique indexes, and the change log.</summary>
public static class TableLayout
{
    /// <summary>The hidden column holding the row version.</summary>
    public const string VersionColumn = "__version";

    /// <summary>The hidden column holding the service's last write time.</summary>
    public const string ModifiedColumn = "__modified";

    /// <summary>The change log: every write in commit order, read by change tracking.</summary>
    public const string ChangesTable = "__changes";

    /// <summary>The statements that create the schema's tables.</summary>
    public static IEnumerable<string> Create(ServiceModel model)
    {
        yield return $"CREATE TABLE IF NOT EXISTS {ChangesTable} (sequence INTEGER PRIMARY KEY AUTOINCREMENT, entity_set TEXT NOT NULL, row_key TEXT NOT NULL, operation TEXT NOT NULL)";
        yield return $"CREATE INDEX IF NOT EXISTS ix_changes_set ON {ChangesTable} (entity_set, sequence)";
        foreach (var set in model.EntitySets)
        {
            var columns = set.Columns.Select(c => $"{Quote(c.Name)} {SqlType(c)}")
                .Append($"{VersionColumn} INTEGER NOT NULL")
                .Append($"{ModifiedColumn} TEXT NOT NULL")
                .Append($"PRIMARY KEY ({string.Join(", ", set.Key.Select(Quote))})");
            yield return $"CREATE TABLE IF NOT EXISTS {Quote(set.Name)} ({string.Join(", ", columns)}) WITHOUT ROWID";
            for (var i = 0; i < set.AlternateKeys.Count; i++)
            {
                yield return $"CREATE UNIQUE INDEX IF NOT EXISTS {Quote($"ak_{set.Name}_{i}")} ON {Quote(set.Name)} ({string.Join(", ", set.AlternateKeys[i].Select(Quote))})";
            }
        }
    }

    /// <summary>A quoted SQLite identifier.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string SqlType(ColumnInfo column) => column.Kind switch
    {
        ColumnKind.Text or ColumnKind.Guid or ColumnKind.Enum => "TEXT COLLATE NOCASE",
        ColumnKind.Integer or ColumnKind.Boolean => "INTEGER",
        ColumnKind.Real => "REAL",
        ColumnKind.Binary => "BLOB",
        _ => "TEXT",
    };
}
