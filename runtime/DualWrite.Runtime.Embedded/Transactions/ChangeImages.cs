using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// The rows a transaction's writes leave, in the table's column order, as the change log's images hold them; built from
/// the values written where SQLite stores them as given, read back otherwise. Also reads an image back into a row.
/// </summary>
internal sealed class ChangeImages
{
    private readonly EnvironmentSchema _schema;
    private readonly StatementCache _statements;
    private readonly Dictionary<TableSchema, Dictionary<string, int>> _ordinals = new();

    public ChangeImages(EnvironmentSchema schema, StatementCache statements)
    {
        _schema = schema;
        _statements = statements;
    }

    /// <summary>
    /// An inserted row as stored: the values written, and the columns' defaults for the rest. When SQLite would store a
    /// value differently from how it was given (a number into a text column), or a left-out column has no constant default,
    /// the row is read back instead.
    /// </summary>
    public object?[] InsertedRow(TableSchema table, List<(string Column, object Value)> columns)
    {
        var row = new object?[table.Columns.Count];
        var given = new bool[row.Length];
        var exact = true;
        foreach (var (name, value) in columns)
        {
            var ordinal = Ordinal(table, name);
            row[ordinal] = value is DBNull ? null : value;
            given[ordinal] = true;
            exact &= StoredAsGiven(table.Columns[ordinal], value);
        }

        for (var i = 0; i < row.Length && exact; i++)
        {
            if (!given[i])
            {
                row[i] = SqliteLayout.Default(_schema.Side, table, table.Columns[i]);
                exact &= !HasComputedDefault(table, table.Columns[i]);
            }
        }

        return exact ? row : StoredRow(table, _statements.LastInsertRowId);
    }

    /// <summary>The row an update leaves, and whether it is exact (every value stored as given) or must be read back.</summary>
    public (object?[] Row, bool Exact) UpdatedRow(TableSchema table, IReadOnlyDictionary<string, object?> before, List<(string Column, object Value)> columns)
    {
        var row = InColumnOrder(table, before);
        var exact = true;
        foreach (var (name, value) in columns)
        {
            var ordinal = Ordinal(table, name);
            row[ordinal] = value is DBNull ? null : value;
            exact &= StoredAsGiven(table.Columns[ordinal], value);
        }

        return (row, exact);
    }

    /// <summary>The row with that rowid as stored, in column order.</summary>
    public object?[] StoredRow(TableSchema table, object rowId)
    {
        var command = new Statement();
        command.CommandText = $"SELECT * FROM {SqliteLayout.Quote(table.Name)} WHERE rowid = {command.Parameter(rowId)}";
        var row = StatementCache.ReadRows(_statements.Prepare(command)).FirstOrDefault()
            ?? throw new InvalidOperationException($"{table.Name} row {rowId} was written but cannot be read back.");
        return InColumnOrder(table, row);
    }

    public static object?[] InColumnOrder(TableSchema table, IReadOnlyDictionary<string, object?> row)
    {
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            row.TryGetValue(table.Columns[i].Name, out values[i]);
        }

        return values;
    }

    // An update whose columns all keep their stored values (compared as the triggers' IS NOT ... COLLATE BINARY does) changes nothing.
    public static bool SameRow(TableSchema table, IReadOnlyDictionary<string, object?> before, object?[] after)
    {
        for (var i = 0; i < after.Length; i++)
        {
            before.TryGetValue(table.Columns[i].Name, out var old);
            if (!SameStored(old, after[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool SameStored(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (long a, long b) => a == b,
        (long or double, long or double) => Convert.ToDouble(left, CultureInfo.InvariantCulture) == Convert.ToDouble(right, CultureInfo.InvariantCulture),
        _ => false,
    };

    // Every change is read through its image, so it is read forward once, without building a JSON document.
    public static Dictionary<string, object?> Parse(string image, int columns)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(image.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(image, buffer)));
            var row = new Dictionary<string, object?>(columns, StringComparer.OrdinalIgnoreCase);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A change image is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    row[name] = null;
                    continue;
                }

                row[name] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => reader.TryGetInt64(out var integer) ? integer : reader.GetDouble(),
                    JsonTokenType.True => 1L,
                    JsonTokenType.False => 0L,
                    _ => null,
                };
            }

            return row;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The column's declared type gives its affinity: a value of the matching kind is stored as it is.
    private static bool StoredAsGiven(ColumnSchema column, object value) => value switch
    {
        DBNull => true,
        string => column.Storage == StorageKind.Text || column.Storage == StorageKind.Blob,
        long => column.Storage == StorageKind.Integer || column.Storage == StorageKind.Blob,
        double => column.Storage == StorageKind.Real || column.Storage == StorageKind.Blob,
        byte[] => true,
        _ => false,
    };

    private bool HasComputedDefault(TableSchema table, ColumnSchema column) =>
        _schema.Side == Side.Dataverse && column.EdmType == "Edm.Guid" && table.PrimaryKey.Contains(column.Name);

    private int Ordinal(TableSchema table, string column)
    {
        if (!_ordinals.TryGetValue(table, out var ordinals))
        {
            ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                ordinals[table.Columns[i].Name] = i;
            }

            _ordinals.Add(table, ordinals);
        }

        return ordinals[column];
    }
}
