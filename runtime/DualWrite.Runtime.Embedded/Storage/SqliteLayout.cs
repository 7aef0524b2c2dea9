using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// The DDL of an embedded environment: one table per entity set, the change log and the triggers that fill it for plain
/// SQL (the runtime's transactions turn them off and log their writes themselves, see <see cref="ChangeLogWriter"/>).
/// </summary>
internal static class SqliteLayout
{
    /// <summary>The change log.</summary>
    public const string ChangesTable = "dw_changes";

    /// <summary>A one-row table holding the environment's identity and side.</summary>
    public const string EnvironmentTable = "dw_environment";

    // A version-4 GUID in SQL, so plain INSERTs into a Dataverse table get a primary key as Dataverse would assign one.
    private const string NewGuidSql =
        "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || " +
        "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))";

    // json_object takes at most 127 arguments in default SQLite builds; wide tables are built in chunks and merged.
    private const int ColumnsPerJsonObject = 60;

    /// <summary>
    /// An index of the change log by row, for a store that reads each row with its last change (the local OData
    /// services: a row's version is that change's sequence). The engine's environments go without it, so their writes
    /// do not pay for it.
    /// </summary>
    public const string ChangesByRowIndex = $"CREATE INDEX IF NOT EXISTS {ChangesTable}_by_row ON {ChangesTable} (entity_set, row_key, sequence)";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    public static IEnumerable<string> Statements(EnvironmentSchema schema)
    {
        // Checked before the first statement runs, so a broken table is named instead of failing as SQL.
        foreach (var table in schema.Tables)
        {
            CheckPrimaryKey(table);
        }

        yield return $"CREATE TABLE IF NOT EXISTS {EnvironmentTable} (id INTEGER PRIMARY KEY CHECK (id = 1), environment_id TEXT NOT NULL, side TEXT NOT NULL, created_at TEXT NOT NULL)";

        // AUTOINCREMENT: a sequence is never reused, even after the last rows are deleted, so cursors stay valid.
        yield return $"CREATE TABLE IF NOT EXISTS {ChangesTable} (sequence INTEGER PRIMARY KEY AUTOINCREMENT, entity_set TEXT NOT NULL, operation TEXT NOT NULL, row_key TEXT NOT NULL, image TEXT NOT NULL, origin TEXT, changed_at TEXT NOT NULL)";
        yield return $"CREATE INDEX IF NOT EXISTS {ChangesTable}_by_set ON {ChangesTable} (entity_set, sequence)";

        // Ordinary writers' changes alone, so a pass tells "only the runtime's own writes" from an index, without reading
        // the rows; the runtime's writes, the bulk of the log, do not pay for it. Its origin column (always null) makes it
        // cover the count.
        yield return $"CREATE INDEX IF NOT EXISTS {ChangesTable}_ordinary ON {ChangesTable} (entity_set, sequence, origin) WHERE origin IS NULL";

        foreach (var table in schema.Tables)
        {
            yield return CreateTable(schema.Side, table);
            for (var i = 0; i < table.AlternateKeys.Count; i++)
            {
                var columns = string.Join(", ", table.AlternateKeys[i].Select(Quote));
                yield return $"CREATE UNIQUE INDEX IF NOT EXISTS {Quote(table.Name + "_ak" + (i + 1).ToString(CultureInfo.InvariantCulture))} ON {Quote(table.Name)} ({columns})";
            }

            yield return Trigger(table, "Insert", "INSERT", "NEW", when: null);
            var changed = string.Join(" OR ", table.Columns.Select(c => $"OLD.{Quote(c.Name)} IS NOT NEW.{Quote(c.Name)} COLLATE BINARY"));
            yield return Trigger(table, "Update", "UPDATE", "NEW", when: changed);
            yield return Trigger(table, "Delete", "DELETE", "OLD", when: null);
        }
    }

    private static void CheckPrimaryKey(TableSchema table)
    {
        var problem = table.PrimaryKey.Count == 0
            ? "its type declares no key"
            : table.PrimaryKey.Where(k => table.FindColumn(k) is null).ToList() is { Count: > 0 } undeclared
                ? $"its key names {string.Join(", ", undeclared.Select(k => "'" + k + "'"))}, which the type does not declare as {(undeclared.Count == 1 ? "a property" : "properties")}"
                : null;
        if (problem is not null)
        {
            throw new InvalidDataException($"Entity set '{table.Name}' (entity type '{table.EntityType}') cannot be laid out: {problem}. Correct the schema.");
        }
    }

    private static string CreateTable(Side side, TableSchema table)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(Quote(table.Name)).Append(" (");
        foreach (var column in table.Columns)
        {
            var isKey = table.PrimaryKey.Contains(column.Name);
            sql.Append(Quote(column.Name)).Append(' ').Append(column.Storage.ToString().ToUpperInvariant());
            if (isKey && side == Side.Dataverse && column.EdmType == "Edm.Guid")
            {
                sql.Append(" NOT NULL DEFAULT ").Append(NewGuidSql);
            }
            else
            {
                if (!column.IsNullable && !(side == Side.Dataverse && DataverseDefault(column) is not null))
                {
                    sql.Append(" NOT NULL");
                }

                if (Default(side, table, column) is { } value)
                {
                    sql.Append(" DEFAULT ").Append(value is string text ? Literal(text) : Convert.ToString(value, CultureInfo.InvariantCulture));
                }
            }

            if (column.Storage == StorageKind.Text)
            {
                // Both services' databases compare text ignoring case (DSL §4).
                sql.Append(" COLLATE NOCASE");
            }

            sql.Append(", ");
        }

        sql.Append("PRIMARY KEY (").Append(string.Join(", ", table.PrimaryKey.Select(Quote))).Append("))");
        return sql.ToString();
    }

    /// <summary>
    /// The constant a column takes when an insert leaves it out (a text or an integer), or null. The change log's image of
    /// a row the runtime inserts is built from it, so it has to be the value the table's DDL declares.
    /// </summary>
    public static object? Default(Side side, TableSchema table, ColumnSchema column)
    {
        if (side == Side.Dataverse && DataverseDefault(column) is { } value)
        {
            return value;
        }

        // F&O fills every non-key field with its type's empty value, so a record created with only the mapped fields is valid.
        return column.IsNullable || table.PrimaryKey.Contains(column.Name) ? null : EmptyValue(column);
    }

    // Dataverse creates every row active: statecode 0 (Active) with statuscode 1, whatever the writer sent.
    private static object? DataverseDefault(ColumnSchema column) => column.Name switch
    {
        "statecode" when column.Storage == StorageKind.Integer => 0L,
        "statuscode" when column.Storage == StorageKind.Integer => 1L,
        _ => null,
    };

    private static object? EmptyValue(ColumnSchema column)
    {
        if (column.EnumMembers is { Count: > 0 } members)
        {
            return members[0];
        }

        return column.EdmType switch
        {
            "Edm.String" => string.Empty,
            "Edm.Decimal" => "0",
            "Edm.Guid" => "00000000-0000-0000-0000-000000000000",
            "Edm.DateTimeOffset" => "1900-01-01T00:00:00.0000000Z",
            "Edm.Date" => "1900-01-01",
            _ when column.Storage is StorageKind.Integer => 0L,
            _ when column.Storage is StorageKind.Real => 0.0,
            _ => null,
        };
    }

    /// <summary>A column of the last change of the row <paramref name="alias"/> of <paramref name="table"/>, as a SQL expression (null when the log has none).</summary>
    public static string LastChange(TableSchema table, string alias, string column) =>
        $"(SELECT c.{column} FROM {ChangesTable} c WHERE c.entity_set = {Literal(table.Name)} AND c.row_key = {RowKey(table, alias)} ORDER BY c.sequence DESC LIMIT 1)";

    // The change log's row_key: the primary key's values as a JSON array (ChangeLogWriter writes the same text).
    private static string RowKey(TableSchema table, string row) =>
        "json_array(" + string.Join(", ", table.PrimaryKey.Select(k => $"{row}.{Quote(k)}")) + ")";

    private static string Trigger(TableSchema table, string operation, string sqlEvent, string row, string? when)
    {
        var name = Quote("dw_" + table.Name + "_" + operation.ToLowerInvariant());
        var rowKey = RowKey(table, row);
        var image = Image(table, row);
        var whenClause = when is null ? string.Empty : " WHEN " + when;
        return $"CREATE TRIGGER IF NOT EXISTS {name} AFTER {sqlEvent} ON {Quote(table.Name)}{whenClause} BEGIN " +
            $"INSERT INTO {ChangesTable} (entity_set, operation, row_key, image, origin, changed_at) VALUES (" +
            $"{Literal(table.Name)}, {Literal(operation)}, {rowKey}, {image}, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END";
    }

    private static string Image(TableSchema table, string row)
    {
        var chunks = table.Columns
            .Select((column, index) => (column, index))
            .GroupBy(x => x.index / ColumnsPerJsonObject)
            .Select(g => "json_object(" + string.Join(", ", g.Select(x => $"{Literal(x.column.Name)}, {row}.{Quote(x.column.Name)}")) + ")")
            .ToList();

        // json_patch drops null members: an image holds the row's non-null columns and readers take an absent column as
        // null. The runtime's own change-log rows leave them out too (a fifth of a row's bytes on a typical table).
        return chunks.Aggregate("'{}'", (left, right) => $"json_patch({left}, {right})");
    }
}
