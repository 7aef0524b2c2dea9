using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.State;

/// <summary>The state store in its own SQLite database file, apart from both environments.</summary>
public sealed partial class SqliteStateStore : IStateStore
{
    private static readonly string[] Schema =
    {
        "CREATE TABLE IF NOT EXISTS link (id INTEGER PRIMARY KEY CHECK (id = 1), fo_environment TEXT NOT NULL, dataverse_environment TEXT NOT NULL, companies TEXT NOT NULL, linked_at TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS map_states (map TEXT PRIMARY KEY, state TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS cursors (map TEXT NOT NULL, side TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (map, side))",
        "CREATE TABLE IF NOT EXISTS record_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, side TEXT NOT NULL, " +
            "entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, origin TEXT, " +
            "changed_at TEXT NOT NULL, reason TEXT, failed_at TEXT, kind TEXT, attempts INTEGER NOT NULL DEFAULT 0, first_failed_at TEXT)",
        "CREATE INDEX IF NOT EXISTS record_queue_by_record ON record_queue (map, record_key, id)",
    };

    private const string QueueColumns = "id, map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at";

    private readonly string _connectionString;

    /// <summary>Opens the store in <paramref name="databasePath"/>, creating it when missing.</summary>
    public SqliteStateStore(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var statement in Schema)
        {
            Execute(connection, transaction, statement);
        }

        AddErrorColumns(connection, transaction);
        foreach (var statement in StagingSchema)
        {
            Execute(connection, transaction, statement);
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public EnvironmentLink? GetLink()
    {
        using var connection = Open();
        return ReadLink(connection, null);
    }

    /// <inheritdoc/>
    public void SetLink(EnvironmentLink? link)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM link");
        if (link is not null)
        {
            InsertLink(connection, transaction, link);
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public void Reset()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Reset(connection, transaction);
        transaction.Commit();
    }

    /// <inheritdoc/>
    /// <remarks>One write transaction, so that the <c>dualwrite link</c> tool and a host starting at the same moment link once.</remarks>
    public EnvironmentLink? LinkIfUnlinked(EnvironmentLink link, StateUpdate start)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (ReadLink(connection, transaction) is { } existing)
        {
            return existing;
        }

        Reset(connection, transaction);
        Apply(connection, transaction, start);
        InsertLink(connection, transaction, link);
        transaction.Commit();
        return null;
    }

    private static void InsertLink(SqliteConnection connection, SqliteTransaction transaction, EnvironmentLink link) =>
        Execute(
            connection,
            transaction,
            "INSERT INTO link (id, fo_environment, dataverse_environment, companies, linked_at) VALUES (1, $fo, $dv, $companies, $at)",
            ("$fo", link.FoEnvironmentId),
            ("$dv", link.DataverseEnvironmentId),
            ("$companies", JsonSerializer.Serialize(link.Companies)),
            ("$at", FormatMoment(link.LinkedAt)));

    /// <inheritdoc/>
    public MapState GetMapState(string map)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM map_states WHERE map = $map";
        command.Parameters.AddWithValue("$map", map);
        return command.ExecuteScalar() is string state ? Enum.Parse<MapState>(state) : MapState.Running;
    }

    /// <inheritdoc/>
    public void SetMapState(string map, MapState state)
    {
        using var connection = Open();
        Execute(connection, null, "INSERT INTO map_states (map, state) VALUES ($map, $state) ON CONFLICT (map) DO UPDATE SET state = excluded.state", ("$map", map), ("$state", state.ToString()));
    }

    /// <inheritdoc/>
    public long? GetCursor(string map, Side side)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM cursors WHERE map = $map AND side = $side";
        command.Parameters.AddWithValue("$map", map);
        command.Parameters.AddWithValue("$side", side.ToString());
        return command.ExecuteScalar() is long sequence ? sequence : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<CursorMove> GetCursors()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT map, side, sequence FROM cursors ORDER BY rowid";
        var cursors = new List<CursorMove>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cursors.Add(new CursorMove(reader.GetString(0), Enum.Parse<Side>(reader.GetString(1)), reader.GetInt64(2)));
        }

        return cursors;
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> GetBlockedRecords(string map)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT record_key FROM record_queue WHERE map = $map";
        command.Parameters.AddWithValue("$map", map);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <inheritdoc/>
    public IReadOnlyList<SyncError> GetErrors() => GetErrors(ErrorFilter.All);

    /// <inheritdoc/>
    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {QueueColumns}, (SELECT COUNT(*) FROM record_queue w WHERE w.map = q.map AND w.record_key = q.record_key AND w.id > q.id) " +
            "FROM record_queue q WHERE reason IS NOT NULL AND ($map IS NULL OR map = $map) AND ($key IS NULL OR record_key = $key) AND ($before IS NULL OR failed_at < $before) ORDER BY id";
        command.Parameters.AddWithValue("$map", (object?)filter.Map ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)filter.RecordKey?.ToUpperInvariant() ?? DBNull.Value);
        command.Parameters.AddWithValue("$before", filter.LastFailedBefore is { } before ? FormatMoment(before) : DBNull.Value);
        var errors = new List<SyncError>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var pending = ReadPending(reader);
            errors.Add(new SyncError(
                pending.Id,
                pending.Map,
                pending.RecordKey,
                pending.Change.Side,
                pending.Change.Operation,
                pending.Change.Image,
                pending.Reason!,
                pending.FailedAt!.Value,
                reader.GetInt32(16),
                reader.IsDBNull(13) ? SyncErrorKind.Value : Enum.Parse<SyncErrorKind>(reader.GetString(13)),
                reader.GetInt32(14),
                reader.IsDBNull(15) ? pending.FailedAt.Value : ParseMoment(reader.GetString(15))));
        }

        return errors;
    }

    /// <inheritdoc/>
    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {QueueColumns} FROM record_queue WHERE map = $map AND record_key = $key ORDER BY id";
        command.Parameters.AddWithValue("$map", map);
        command.Parameters.AddWithValue("$key", recordKey);
        var queue = new List<PendingChange>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            queue.Add(ReadPending(reader));
        }

        return queue;
    }

    /// <inheritdoc/>
    public PendingChange? GetPendingChange(long id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {QueueColumns} FROM record_queue WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadPending(reader) : null;
    }

    /// <inheritdoc/>
    public void Apply(StateUpdate update)
    {
        if (update.PartitionCursors.Count > 0 || update.Fence is not null)
        {
            throw new NotSupportedException("The SQLite state store serves one host; partitions and leases need the PostgreSQL state store.");
        }

        if (update.IsEmpty)
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Apply(connection, transaction, update);
        transaction.Commit();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static EnvironmentLink? ReadLink(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT fo_environment, dataverse_environment, companies, linked_at FROM link WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new EnvironmentLink(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? Array.Empty<string>(), ParseMoment(reader.GetString(3)))
            : null;
    }

    private static void Reset(SqliteConnection connection, SqliteTransaction transaction)
    {
        Execute(connection, transaction, "DELETE FROM map_states");
        Execute(connection, transaction, "DELETE FROM cursors");
        Execute(connection, transaction, "DELETE FROM record_queue");
        Execute(connection, transaction, "DELETE FROM staged_changes");
    }

    private static void Apply(SqliteConnection connection, SqliteTransaction transaction, StateUpdate update)
    {
        foreach (var id in update.Removed)
        {
            Execute(connection, transaction, "DELETE FROM record_queue WHERE id = $id", ("$id", id));
        }

        var now = FormatMoment(DateTimeOffset.UtcNow);
        foreach (var failed in update.Failed)
        {
            Execute(
                connection,
                transaction,
                "UPDATE record_queue SET reason = $reason, failed_at = $at, kind = $kind, attempts = attempts + 1, first_failed_at = COALESCE(first_failed_at, $at) WHERE id = $id",
                ("$id", failed.Id),
                ("$reason", failed.Reason),
                ("$at", now),
                ("$kind", failed.Kind.ToString()));
        }

        foreach (var queued in update.Enqueued)
        {
            var change = queued.Change;
            Execute(
                connection,
                transaction,
                "INSERT INTO record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at) " +
                    "VALUES ($map, $key, $side, $set, $operation, $sequence, $row, $payload, $origin, $changed, $reason, $failed, $kind, $attempts, $failed)",
                ("$map", queued.Map),
                ("$key", queued.RecordKey),
                ("$side", change.Side.ToString()),
                ("$set", change.EntitySet),
                ("$operation", change.Operation.ToString()),
                ("$sequence", change.Sequence),
                ("$row", change.RowKey),
                ("$payload", change.Image),
                ("$origin", change.Origin),
                ("$changed", FormatMoment(change.ChangedAt)),
                ("$reason", queued.Reason),
                ("$failed", queued.Reason is null ? null : now),
                ("$kind", queued.Reason is null ? null : queued.Kind.ToString()),
                ("$attempts", queued.Reason is null ? 0 : 1));
        }

        ApplyStaging(connection, transaction, update);

        foreach (var cursor in update.Cursors)
        {
            Execute(
                connection,
                transaction,
                "INSERT INTO cursors (map, side, sequence) VALUES ($map, $side, $sequence) ON CONFLICT (map, side) DO UPDATE SET sequence = excluded.sequence",
                ("$map", cursor.Map),
                ("$side", cursor.Side.ToString()),
                ("$sequence", cursor.Sequence));
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private static PendingChange ReadPending(SqliteDataReader reader)
    {
        var change = new ChangeRecord(
            reader.GetInt64(6),
            Enum.Parse<Side>(reader.GetString(3)),
            reader.GetString(4),
            Enum.Parse<ChangeOperation>(reader.GetString(5)),
            reader.GetString(7),
            reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            ParseMoment(reader.GetString(10)));
        return new PendingChange(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            change,
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : ParseMoment(reader.GetString(12)));
    }

    private static string FormatMoment(DateTimeOffset moment) => moment.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseMoment(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
