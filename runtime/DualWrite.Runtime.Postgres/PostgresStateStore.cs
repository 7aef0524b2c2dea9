using System;
using System.Collections.Generic;
using System.Text.Json;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.Postgres.Migrations;
using DualWrite.Runtime.State;
using Npgsql;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// The state store in a PostgreSQL database (tables in the <c>dualwrite</c> schema, created and migrated on open), which
/// several hosts can share: see <see cref="State.WorkSharing.IPartitionedStateStore"/>.
/// </summary>
public sealed partial class PostgresStateStore : IStateStore
{
    private const string QueueColumns = "id, map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at";

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Opens the store in the database of <paramref name="connectionString"/> (an Npgsql connection string), migrating its schema.</summary>
    public PostgresStateStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            PostgresMigrator.Migrate(_dataSource);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Opens the store a <c>postgres://user:password@host:port/database</c> URL names.</summary>
    public static PostgresStateStore FromUrl(string url) => new(PostgresUrl.ToConnectionString(url));

    /// <inheritdoc/>
    public EnvironmentLink? GetLink()
    {
        using var connection = _dataSource.OpenConnection();
        return ReadLink(connection, null);
    }

    /// <inheritdoc/>
    public void SetLink(EnvironmentLink? link)
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM dualwrite.link");
        if (link is not null)
        {
            Execute(connection, transaction, InsertLink, LinkValues(link));
        }

        transaction.Commit();
    }

    private const string InsertLink =
        "INSERT INTO dualwrite.link (id, fo_environment, dataverse_environment, companies, linked_at) VALUES (1, @fo, @dv, @companies, @at)";

    private static (string Name, object? Value)[] LinkValues(EnvironmentLink link) =>
    [
        ("fo", link.FoEnvironmentId),
        ("dv", link.DataverseEnvironmentId),
        ("companies", JsonSerializer.Serialize(link.Companies)),
        ("at", link.LinkedAt.ToUniversalTime()),
    ];

    /// <inheritdoc/>
    public void Reset()
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Reset(connection, transaction);
        transaction.Commit();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction that starts by inserting the link row: a host linking at the same time waits on that row until
    /// this transaction ends, and then finds it taken, so it neither resets the winner's cursors nor stores its own.
    /// </remarks>
    public EnvironmentLink? LinkIfUnlinked(EnvironmentLink link, StateUpdate start)
    {
        using var connection = _dataSource.OpenConnection();
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            using (var insert = Command(connection, transaction, InsertLink + " ON CONFLICT (id) DO NOTHING", LinkValues(link)))
            {
                if (insert.ExecuteNonQuery() == 1)
                {
                    Reset(connection, transaction);
                    Apply(connection, transaction, start);
                    transaction.Commit();
                    return null;
                }
            }

            // Read committed: this statement sees the link the other transaction committed, unless it was unlinked since.
            if (ReadLink(connection, transaction) is { } existing)
            {
                return existing;
            }
        }
    }

    /// <inheritdoc/>
    public MapState GetMapState(string map)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, "SELECT state FROM dualwrite.map_states WHERE map = @map", ("map", map));
        return command.ExecuteScalar() is string state ? Enum.Parse<MapState>(state) : MapState.Running;
    }

    /// <inheritdoc/>
    public void SetMapState(string map, MapState state)
    {
        using var connection = _dataSource.OpenConnection();
        Execute(connection, null, "INSERT INTO dualwrite.map_states (map, state) VALUES (@map, @state) ON CONFLICT (map) DO UPDATE SET state = excluded.state", ("map", map), ("state", state.ToString()));
    }

    /// <inheritdoc/>
    public long? GetCursor(string map, Side side)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, "SELECT sequence FROM dualwrite.cursors WHERE map = @map AND side = @side", ("map", map), ("side", side.ToString()));
        return command.ExecuteScalar() is long sequence ? sequence : null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With several hosts the cursors move per partition; a (map, side) cursor then stands at the least of its partitions'
    /// (a partition not yet read counting at the link's position), the last change every host has dealt with.
    /// </remarks>
    public IReadOnlyList<CursorMove> GetCursors()
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(
            connection,
            null,
            "SELECT c.map, c.side, CASE WHEN (SELECT count(*) FROM dualwrite.partition_cursors p WHERE p.map = c.map AND p.side = c.side) = " +
                "(SELECT partition_count FROM dualwrite.partition_settings WHERE id = 1) " +
                "THEN (SELECT min(p.sequence) FROM dualwrite.partition_cursors p WHERE p.map = c.map AND p.side = c.side) " +
                "ELSE LEAST(c.sequence, (SELECT min(p.sequence) FROM dualwrite.partition_cursors p WHERE p.map = c.map AND p.side = c.side)) END " +
                "FROM dualwrite.cursors c ORDER BY c.position");
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
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, "SELECT DISTINCT record_key FROM dualwrite.record_queue WHERE map = @map", ("map", map));
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
    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, $"SELECT {QueueColumns} FROM dualwrite.record_queue WHERE map = @map AND record_key = @key ORDER BY id", ("map", map), ("key", recordKey));
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
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, $"SELECT {QueueColumns} FROM dualwrite.record_queue WHERE id = @id", ("id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadPending(reader) : null;
    }

    /// <inheritdoc/>
    /// <exception cref="State.WorkSharing.PartitionLeaseLostException">The update is fenced and a partition changed hands; nothing was stored.</exception>
    public void Apply(StateUpdate update)
    {
        if (update.IsEmpty)
        {
            return;
        }

        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Apply(connection, transaction, update);
        transaction.Commit();
    }

    /// <inheritdoc/>
    public void Dispose() => _dataSource.Dispose();

    private static void Apply(NpgsqlConnection connection, NpgsqlTransaction transaction, StateUpdate update)
    {
        if (update.Fence is { } fence)
        {
            CheckFence(connection, transaction, fence.HostId, fence.Leases);
        }

        foreach (var id in update.Removed)
        {
            Execute(connection, transaction, "DELETE FROM dualwrite.record_queue WHERE id = @id", ("id", id));
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var failed in update.Failed)
        {
            Execute(
                connection,
                transaction,
                "UPDATE dualwrite.record_queue SET reason = @reason, failed_at = @at, kind = @kind, attempts = attempts + 1, first_failed_at = COALESCE(first_failed_at, @at) WHERE id = @id",
                ("id", failed.Id),
                ("reason", failed.Reason),
                ("at", now),
                ("kind", failed.Kind.ToString()));
        }

        foreach (var queued in update.Enqueued)
        {
            var change = queued.Change;
            Execute(
                connection,
                transaction,
                "INSERT INTO dualwrite.record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at) " +
                    "VALUES (@map, @key, @side, @set, @operation, @sequence, @row, @payload, @origin, @changed, @reason, @failed, @kind, @attempts, @failed)",
                ("map", queued.Map),
                ("key", queued.RecordKey),
                ("side", change.Side.ToString()),
                ("set", change.EntitySet),
                ("operation", change.Operation.ToString()),
                ("sequence", change.Sequence),
                ("row", change.RowKey),
                ("payload", change.Image),
                ("origin", change.Origin),
                ("changed", change.ChangedAt.ToUniversalTime()),
                ("reason", queued.Reason),
                ("failed", queued.Reason is null ? null : now),
                ("kind", queued.Reason is null ? null : queued.Kind.ToString()),
                ("attempts", queued.Reason is null ? 0 : 1));
        }

        ApplyStaging(connection, transaction, update);

        foreach (var cursor in update.Cursors)
        {
            Execute(
                connection,
                transaction,
                "INSERT INTO dualwrite.cursors (map, side, sequence) VALUES (@map, @side, @sequence) ON CONFLICT (map, side) DO UPDATE SET sequence = excluded.sequence",
                ("map", cursor.Map),
                ("side", cursor.Side.ToString()),
                ("sequence", cursor.Sequence));
        }

        foreach (var cursor in update.PartitionCursors)
        {
            Execute(
                connection,
                transaction,
                "INSERT INTO dualwrite.partition_cursors (map, side, partition, sequence) VALUES (@map, @side, @partition, @sequence) " +
                    "ON CONFLICT (map, side, partition) DO UPDATE SET sequence = excluded.sequence",
                ("map", cursor.Map),
                ("side", cursor.Side.ToString()),
                ("partition", cursor.Partition),
                ("sequence", cursor.Sequence));
        }
    }

    private static void Reset(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Execute(connection, transaction, "DELETE FROM dualwrite.map_states");
        Execute(connection, transaction, "DELETE FROM dualwrite.cursors");
        Execute(connection, transaction, "DELETE FROM dualwrite.partition_cursors");
        Execute(connection, transaction, "DELETE FROM dualwrite.record_queue");
        Execute(connection, transaction, "DELETE FROM dualwrite.staged_changes");
    }

    private static EnvironmentLink? ReadLink(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = Command(connection, transaction, "SELECT fo_environment, dataverse_environment, companies, linked_at FROM dualwrite.link WHERE id = 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new EnvironmentLink(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? Array.Empty<string>(), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static PendingChange ReadPending(NpgsqlDataReader reader)
    {
        var change = new ChangeRecord(
            reader.GetInt64(6),
            Enum.Parse<Side>(reader.GetString(3)),
            reader.GetString(4),
            Enum.Parse<ChangeOperation>(reader.GetString(5)),
            reader.GetString(7),
            reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.GetFieldValue<DateTimeOffset>(10));
        return new PendingChange(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            change,
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));
    }
}
