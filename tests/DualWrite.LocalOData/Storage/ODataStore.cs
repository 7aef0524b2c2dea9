using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.Data.Sqlite;
using static DualWrite.Runtime.Environments.Embedded.SqliteLayout;

namespace DualWrite.LocalOData.Storage;

/// <summary>
/// A service's rows, stored through an embedded environment of the service's side: its SQLite layout, its change log
/// (a row's version is the sequence of its last change, its write time that change's time) and its transactions'
/// row writes and key lookups. What is the service's own is here: the queries of collection, key and delta reads.
/// </summary>
public sealed class ODataStore
{
    private const string RowIdColumn = "dw_rowid";
    private const string VersionColumn = "dw_version";
    private const string ModifiedColumn = "dw_modified";

    // One writer at a time, as SQLite allows, waited for without holding a thread; readers go on in parallel through WAL.
    private readonly SemaphoreSlim writerLock = new(1, 1);
    private readonly EmbeddedEnvironment environment;
    private readonly TimeProvider clock;

    /// <summary>Creates or opens the database at <paramref name="path"/>, laid out from the schema as <paramref name="side"/> lays it out.</summary>
    public ODataStore(ServiceModel model, Side side, string path, TimeProvider clock)
    {
        Model = model;
        this.clock = clock;
        environment = EmbeddedEnvironment.Open(side, path, new EnvironmentSchema(side, model.Schema));
        environment.IndexChangesByRow();
    }

    /// <summary>The schema.</summary>
    public ServiceModel Model { get; }

    /// <summary>An open connection for reads.</summary>
    public SqliteConnection OpenConnection() => environment.OpenConnection();

    /// <summary>Closes this database's pooled connections, so its files can be deleted.</summary>
    public void ReleaseConnections() => environment.Dispose();

    /// <summary>Starts a write transaction, waiting for the writer before it.</summary>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await writerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new WriteScope(environment.BeginTransaction(origin: null, clock), writerLock);
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
        return Find(command, set, key);
    }

    /// <summary>The row whose <paramref name="key"/> columns have these stored values, as the write transaction sees it, or null.</summary>
    public StoredRow? Find(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> key)
    {
        using var command = scope.Rows.Command(string.Empty);
        return Find(command, set, key);
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
        command.CommandText = $"{Select(set)}{(where is null ? "" : " WHERE " + where.Sql)} ORDER BY {order} LIMIT {query.Limit} OFFSET {query.Offset}";
        AddParameters(command, where);
        return ReadRows(command, set);
    }

    /// <summary>How many rows of the set <paramref name="where"/> lets through.</summary>
    public long Count(SqliteConnection connection, EntitySetInfo set, SqlCondition? where)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Quote(environment.Schema.GetTable(set.Name).Name)} t{(where is null ? "" : " WHERE " + where.Sql)}";
        AddParameters(command, where);
        return (long)command.ExecuteScalar()!;
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
            changes.Add(new ChangedRow(KeyOf(set, reader.GetString(0)), reader.GetString(1) == "Delete", reader.GetInt64(2)));
        }

        return changes;
    }

    /// <summary>The version the next write of <paramref name="scope"/> gives its row: the sequence of the change it logs.</summary>
    public long NextVersion(WriteScope scope) => scope.Rows.NextSequence();

    /// <summary>Inserts a row of every column in <paramref name="values"/>, logged as a change.</summary>
    public void Insert(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> values)
    {
        Write(set, () => scope.Rows.InsertStored(environment.Schema.GetTable(set.Name), values));
    }

    /// <summary>Updates the columns in <paramref name="changes"/> of <paramref name="existing"/>, logged as a change.</summary>
    public void Update(WriteScope scope, EntitySetInfo set, StoredRow existing, IReadOnlyDictionary<string, object?> changes)
    {
        Write(set, () => scope.Rows.UpdateStored(environment.Schema.GetTable(set.Name), existing.RowId, existing.Values, changes));
    }

    /// <summary>Deletes <paramref name="existing"/>, logged as a change.</summary>
    public void Delete(WriteScope scope, EntitySetInfo set, StoredRow existing) =>
        scope.Rows.DeleteStored(environment.Schema.GetTable(set.Name), existing.RowId, existing.Values);

    /// <summary>
    /// The primary key of the row of <paramref name="target"/> whose <paramref name="key"/> columns hold these stored
    /// values, as the write transaction sees it, or null: the lookup resolution the embedded environment binds lookups with.
    /// </summary>
    public object? IdOf(WriteScope scope, EntitySetInfo target, IReadOnlyDictionary<string, object?> key)
    {
        var table = environment.Schema.GetTable(target.Name);
        return scope.Rows.IdOf(table, key.Select(pair => (table.GetColumn(pair.Key).Name, pair.Value ?? DBNull.Value)).ToList());
    }

    /// <summary>The primary key of a stored row.</summary>
    public static IReadOnlyDictionary<string, object?> PrimaryKey(EntitySetInfo set, StoredRow row) =>
        set.Key.ToDictionary(k => k, k => row.Values[k], StringComparer.Ordinal);

    // A refused constraint is a taken key (the columns' nullability is checked before); anything else the environment
    // refuses (a value its change log cannot hold) is the request's fault.
    private static void Write(EntitySetInfo set, Action write)
    {
        try
        {
            write();
        }
        catch (EnvironmentWriteException e) when (e.InnerException is SqliteException)
        {
            throw new DuplicateKeyException(set.Name, e);
        }
        catch (EnvironmentWriteException e)
        {
            throw ODataServiceException.BadRequest(e.Message);
        }
    }

    private StoredRow? Find(SqliteCommand command, EntitySetInfo set, IReadOnlyDictionary<string, object?> key)
    {
        var conditions = key.Select((pair, i) => pair.Value is null ? $"t.{Quote(pair.Key)} IS NULL" : $"t.{Quote(pair.Key)} = $k{i}").ToList();
        command.CommandText = $"{Select(set)} WHERE {string.Join(" AND ", conditions)}";
        var index = 0;
        foreach (var pair in key)
        {
            command.Parameters.AddWithValue($"$k{index++}", pair.Value ?? DBNull.Value);
        }

        return ReadRows(command, set).FirstOrDefault();
    }

    // The row, its rowid (which the transaction's writes address it by) and its version and write time from the change log.
    private string Select(EntitySetInfo set)
    {
        var table = environment.Schema.GetTable(set.Name);
        return $"SELECT t.rowid AS {RowIdColumn}, t.*, {LastChange(table, "t", "sequence")} AS {VersionColumn}, " +
            $"{LastChange(table, "t", "changed_at")} AS {ModifiedColumn} FROM {Quote(table.Name)} t";
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

            rows.Add(new StoredRow(values, (long)reader[RowIdColumn], reader[VersionColumn] as long? ?? 0, reader[ModifiedColumn] as string ?? string.Empty));
        }

        return rows;
    }
}
