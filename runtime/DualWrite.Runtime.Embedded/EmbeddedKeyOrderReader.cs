using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// Streams an embedded table in integration-key order for the initial sync: one query sorted by SQLite (through the
/// table's key index when the key is its own text columns), read row by row inside one read transaction, which in WAL
/// mode is a snapshot that writes to the same database during the read do not disturb.
/// </summary>
internal sealed class EmbeddedKeyOrderReader
{
    // Looked-up rows (companies, groups) repeat from row to row; the cache is emptied when full so memory stays flat.
    private const int ReferenceCacheLimit = 4096;

    private readonly EmbeddedEnvironment _environment;
    private readonly EnvironmentSchema _schema;

    public EmbeddedKeyOrderReader(EmbeddedEnvironment environment)
    {
        _environment = environment;
        _schema = environment.Schema;
    }

    public long Count(string entitySet)
    {
        using var connection = _environment.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {SqliteLayout.Quote(_schema.GetTable(entitySet).Name)}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public IEnumerable<KeyedRow<T>> Read<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var keys = keyPaths.Select(path => KeyExpression(table, "t", path.Segments)).ToList();
        using var connection = _environment.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = after is null ? string.Empty : " WHERE " + After(command, keys, after);
        command.CommandText = $"SELECT {string.Join(", ", keys.Select((k, i) => $"{k} AS dw_k{i}"))}, t.* FROM {SqliteLayout.Quote(table.Name)} t{where} " +
            $"ORDER BY {string.Join(", ", keys.Select(k => k + " COLLATE NOCASE"))}";
        var cache = new Dictionary<(string Table, string Id), Dictionary<string, object?>?>();
        Func<TableSchema, object, IReadOnlyDictionary<string, object?>?> readById = (target, id) => Row(transaction, target, id, cache);
        using var reader = command.ExecuteReader();
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = keys.Count; i < reader.FieldCount; i++)
        {
            ordinals[reader.GetName(i)] = i;
        }

        while (reader.Read())
        {
            var key = new string[keys.Count];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
            }

            var entity = descriptor.Create();
            foreach (var property in descriptor.TypedProperties)
            {
                if (property.Reference is { } reference)
                {
                    var lookup = table.GetLookup(property.Name);
                    if (reader.IsDBNull(ordinals[lookup.ValueColumn]))
                    {
                        continue;
                    }

                    var target = _schema.GetTable(lookup.TargetTable);
                    var row = Row(transaction, target, reader.GetValue(ordinals[lookup.ValueColumn]), cache);

                    // A polymorphic lookup's value belongs to whichever of its tables holds that id.
                    if (row is not null)
                    {
                        property.Set(entity, LookupObjects.Materialize(_schema, reference, target, row, readById));
                    }
                }
                else
                {
                    var column = table.GetColumn(property.Name);
                    var ordinal = ordinals[column.Name];
                    property.Set(entity, SqliteValues.FromStorage(reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal), property.ClrType));
                }
            }

            yield return new KeyedRow<T>(key, entity);
        }

        transaction.Commit();
    }

    /// <summary>
    /// A key path as SQL text. A text column that cannot be null stays a bare column, so the ORDER BY can walk the
    /// table's key index; anything else is made text (empty for null), as the merge compares text.
    /// </summary>
    private string KeyExpression(TableSchema table, string alias, IReadOnlyList<string> segments)
    {
        if (segments.Count == 1 && table.GetColumn(segments[0]) is { Storage: StorageKind.Text, IsNullable: false } column)
        {
            return $"{alias}.{SqliteLayout.Quote(column.Name)}";
        }

        return $"COALESCE(CAST({PathExpression(table, alias, segments, 0)} AS TEXT), '')";
    }

    private string PathExpression(TableSchema table, string alias, IReadOnlyList<string> segments, int index)
    {
        if (index == segments.Count - 1)
        {
            return $"{alias}.{SqliteLayout.Quote(table.GetColumn(segments[index]).Name)}";
        }

        var lookup = table.GetLookup(segments[index]);
        var target = _schema.GetTable(lookup.TargetTable);
        var inner = "l" + index.ToString(CultureInfo.InvariantCulture);
        return $"(SELECT {PathExpression(target, inner, segments, index + 1)} FROM {SqliteLayout.Quote(target.Name)} {inner} " +
            $"WHERE {inner}.{SqliteLayout.Quote(target.PrimaryKey[0])} = {alias}.{SqliteLayout.Quote(lookup.ValueColumn)})";
    }

    /// <summary>Rows whose key comes after <paramref name="after"/>: k0 &gt; a0, or k0 = a0 and k1 &gt; a1, and so on.</summary>
    private static string After(SqliteCommand command, IReadOnlyList<string> keys, IReadOnlyList<string> after)
    {
        var alternatives = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var terms = new List<string>();
            for (var j = 0; j <= i; j++)
            {
                var name = $"$a{j}";
                if (!command.Parameters.Contains(name))
                {
                    command.Parameters.AddWithValue(name, after[j]);
                }

                terms.Add($"{keys[j]} COLLATE NOCASE {(j == i ? ">" : "=")} {name}");
            }

            alternatives.Add("(" + string.Join(" AND ", terms) + ")");
        }

        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static Dictionary<string, object?>? Row(SqliteTransaction transaction, TableSchema table, object id, Dictionary<(string, string), Dictionary<string, object?>?> cache)
    {
        var cacheKey = (table.Name, Convert.ToString(id, CultureInfo.InvariantCulture) ?? string.Empty);
        if (cache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        if (cache.Count >= ReferenceCacheLimit)
        {
            cache.Clear();
        }

        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT * FROM {SqliteLayout.Quote(table.Name)} WHERE {SqliteLayout.Quote(table.PrimaryKey[0])} = $id LIMIT 1";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Dictionary<string, object?>? row = null;
        if (reader.Read())
        {
            row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
        }

        cache[cacheKey] = row;
        return row;
    }
}
