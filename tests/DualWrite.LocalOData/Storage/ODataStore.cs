using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Model;
using Microsoft.Data.Sqlite;
using static DualWrite.LocalOData.Storage.TableLayout;

namespace DualWrite.LocalOData.Storage;

/// <summary>A service's rows in one SQLite database laid out from its schema, and its change log.</summary>
public sealed class ODataStore
{
    private const int SqliteConstraint = 19;

    // One writer at a time, as SQLite allows; readers go on in parallel through WAL.
    private readonly SemaphoreSlim writerLock = new(1, 1);
    private readonly string connectionString;

    /// <summary>Creates or opens the database at <paramref name="path"/> and lays out the schema's tables.</summary>
    public ODataStore(ServiceModel model, string path)
    {
        Model = model;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = OpenConnection();
        Execute(connection, "PRAGMA journal_mode = WAL");
        foreach (var statement in Create(model))
        {
            Execute(connection, statement);
        }
    }

    /// <summary>The schema.</summary>
    public ServiceModel Model { get; }

    /// <summary>An open connection for reads.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000");
        return connection;
    }

    /// <summary>Closes this database's pooled connections, so its files can be deleted.</summary>
    public void ReleaseConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Starts a write transaction, waiting for the writer before it.</summary>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await writerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new WriteScope(OpenConnection(), writerLock);
        }
        catch
        {
            writerLock.Release();
            throw;
        }
    }

    /// <summary>The row whose <paramref name="key"/> columns (primary or alternate key) have these stored values, or null.</summary>
    public StoredRow? Find(SqliteConnection connection, SqliteTransaction? transaction, EntitySetInfo set, IReadOnlyDictionary<string, object?> key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var conditions = key.Select((pair, i) => pair.Value is null ? $"{Quote(pair.Key)} IS NULL" : $"{Quote(pair.Key)} = $k{i}").ToList();
        command.CommandText = $"SELECT * FROM {Quote(set.Name)} WHERE {string.Join(" AND ", conditions)}";
        var index = 0;
        foreach (var pair in key)
        {
            command.Parameters.AddWithValue($"$k{index++}", pair.Value ?? DBNull.Value);
        }

        return ReadRows(command, set).FirstOrDefault();
    }

    /// <summary>The rows a collection read asks for, in its order then key order.</summary>
    public IReadOnlyList<StoredRow> Query(SqliteConnection connection, EntitySetInfo set, RowQuery query)
    {
        using var command = connection.CreateCommand();
        var keyColumns = string.Join(", ", set.Key.Select(Quote));
        var where = query.Where;
        if (query.After is { } after)
        {
            var afterParameters = after.Select((_, i) => $"$a{i}");
            where = SqlCondition.And(where, new SqlCondition($"({keyColumns}) > ({string.Join(", ", afterParameters)})", Array.Empty<object?>()));
            for (var i = 0; i < after.Count; i++)
            {
                command.Parameters.AddWithValue($"$a{i}", after[i] ?? DBNull.Value);
            }
        }

        var order = string.Join(", ", query.OrderBy.Append(keyColumns));
        command.CommandText = $"SELECT * FROM {Quote(set.Name)}{(where is null ? "" : " WHERE " + where.Sql)} ORDER BY {order} LIMIT {query.Limit} OFFSET {query.Offset}";
        AddParameters(command, where);
        return ReadRows(command, set);
    }

    /// <summary>The last change sequence (0 for an empty log).</summary>
    public long Head(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(sequence), 0) FROM {ChangesTable}";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Each row of <paramref name="set"/> whose last change up to <paramref name="upTo"/> came after <paramref name="since"/>,
    /// once, in the order of that change, starting after sequence <paramref name="after"/>, at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<ChangedRow> ChangesSince(SqliteConnection connection, EntitySetInfo set, long since, long upTo, long after, long limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT row_key, operation, sequence FROM {ChangesTable} c WHERE entity_set = $set AND sequence > $after AND sequence <= $upTo " +
            $"AND sequence = (SELECT MAX(sequence) FROM {ChangesTable} d WHERE d.entity_set = c.entity_set AND d.row_key = c.row_key AND d.sequence <= $upTo) " +
            "ORDER BY sequence LIMIT $limit";
        command.Parameters.AddWithValue("$set", set.Name);
        command.Parameters.AddWithValue("$after", Math.Max(since, after));
        command.Parameters.AddWithValue("$upTo", upTo);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var changes = new List<ChangedRow>();
        while (reader.Read())
        {
            changes.Add(new ChangedRow(KeyOf(set, reader.GetString(0)), reader.GetString(1) == "delete", reader.GetInt64(2)));
        }

        return changes;
    }

    /// <summary>Records a write in the change log and returns its sequence, which becomes the row's version.</summary>
    public long LogChange(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> values, string operation)
    {
        using var command = scope.Command($"INSERT INTO {ChangesTable} (entity_set, row_key, operation) VALUES ($set, $key, $op) RETURNING sequence");
        command.Parameters.AddWithValue("$set", set.Name);
        command.Parameters.AddWithValue("$key", JsonSerializer.Serialize(set.Key.Select(k => values.GetValueOrDefault(k)).ToArray()));
        command.Parameters.AddWithValue("$op", operation);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Inserts a row: every column in <paramref name="values"/>, plus its version and write time.</summary>
    public void Insert(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> values, long version, string modified)
    {
        var columns = values.Keys.ToList();
        using var command = scope.Command(
            $"INSERT INTO {Quote(set.Name)} ({string.Join(", ", columns.Select(Quote).Append(VersionColumn).Append(ModifiedColumn))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$v{i}").Append("$version").Append("$modified"))})");
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.AddWithValue($"$v{i}", values[columns[i]] ?? DBNull.Value);
        }

        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$modified", modified);
        ExecuteWrite(command, set);
    }

    /// <summary>Updates the columns in <paramref name="changes"/> of the row with <paramref name="key"/>, and its version and write time.</summary>
    public void Update(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> key, IReadOnlyDictionary<string, object?> changes, long version, string modified)
    {
        var columns = changes.Keys.ToList();
        var assignments = columns.Select((c, i) => $"{Quote(c)} = $v{i}").Append($"{VersionColumn} = $version").Append($"{ModifiedColumn} = $modified");
        using var command = scope.Command($"UPDATE {Quote(set.Name)} SET {string.Join(", ", assignments)} WHERE {KeyCondition(set)}");
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.AddWithValue($"$v{i}", changes[columns[i]] ?? DBNull.Value);
        }

        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$modified", modified);
        AddKey(command, set, key);
        ExecuteWrite(command, set);
    }

    /// <summary>Deletes the row with <paramref name="key"/>.</summary>
    public void Delete(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> key)
    {
        using var command = scope.Command($"DELETE FROM {Quote(set.Name)} WHERE {KeyCondition(set)}");
        AddKey(command, set, key);
        command.ExecuteNonQuery();
    }

    /// <summary>The primary key of a stored row.</summary>
    public static IReadOnlyDictionary<string, object?> PrimaryKey(EntitySetInfo set, StoredRow row) =>
        set.Key.ToDictionary(k => k, k => row.Values[k], StringComparer.Ordinal);

    private static void ExecuteWrite(SqliteCommand command, EntitySetInfo set)
    {
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw new DuplicateKeyException(set.Name, e);
        }
    }

    private static string KeyCondition(EntitySetInfo set) => string.Join(" AND ", set.Key.Select((k, i) => $"{Quote(k)} = $k{i}"));

    private static void AddKey(SqliteCommand command, EntitySetInfo set, IReadOnlyDictionary<string, object?> key)
    {
        for (var i = 0; i < set.Key.Count; i++)
        {
            command.Parameters.AddWithValue($"$k{i}", key[set.Key[i]] ?? DBNull.Value);
        }
    }

    private static void AddParameters(SqliteCommand command, SqlCondition? where)
    {
        for (var i = 0; where is not null && i < where.Parameters.Count; i++)
        {
            command.Parameters.AddWithValue($"$p{i}", where.Parameters[i] ?? DBNull.Value);
        }
    }

    private static IReadOnlyDictionary<string, object?> KeyOf(EntitySetInfo set, string json)
    {
        var values = JsonSerializer.Deserialize<JsonElement[]>(json)!;
        return set.Key.Select((k, i) => (k, values[i])).ToDictionary(p => p.k, p => JsonValue(p.Item2), StringComparer.Ordinal);
    }

    private static object? JsonValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };

    private static IReadOnlyList<StoredRow> ReadRows(SqliteCommand command, EntitySetInfo set)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>();
        while (reader.Read())
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var column in set.Columns)
            {
                var value = reader[column.Name];
                values[column.Name] = value is DBNull ? null : value;
            }

            rows.Add(new StoredRow(values, (long)reader[VersionColumn], (string)reader[ModifiedColumn]));
        }

        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
