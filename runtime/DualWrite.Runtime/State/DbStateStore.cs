using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text.Json;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.State;

/// <summary>
/// The state store over ADO.NET: every statement once, in the SQL SQLite and PostgreSQL share, with what differs left to
/// a dialect; the schema is migrated on open. <see cref="SqliteStateStore"/> and the PostgreSQL store are its two kinds.
/// </summary>
public abstract partial class DbStateStore : IStateStore
{
    private const string QueueColumns = "id, map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at";

    private const string InsertLink = "INSERT INTO link (id, fo_environment, dataverse_environment, companies, linked_at) VALUES (1, @fo, @dv, @companies, @at)";

    private readonly DbDataSource _source;

    /// <summary>Opens the store on <paramref name="source"/> and brings its schema to the latest version; the store owns the source.</summary>
    private protected DbStateStore(SqlDialect dialect, DbDataSource source)
    {
        Dialect = dialect;
        _source = source;
        try
        {
            using var connection = source.OpenConnection();
            StateMigrator.Migrate(connection, dialect, StateMigrations.All);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>What differs on the store's database; the OData connectors' journal writes its tables through it too.</summary>
    internal SqlDialect Dialect { get; }

    /// <summary>The store's connections, which the OData connectors' journal shares.</summary>
    internal DbDataSource Source => _source;

    /// <summary>The query of <see cref="GetCursors"/>: map, side and sequence of every cursor, in the order the maps were first seen.</summary>
    private protected virtual string CursorsQuery => $"SELECT map, side, sequence FROM cursors ORDER BY {Dialect.InsertionOrder}";

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
        DbCommands.Execute(connection, transaction, "DELETE FROM link");
        if (link is not null)
        {
            DbCommands.Execute(connection, transaction, InsertLink, LinkValues(link));
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
    /// <remarks>
    /// One write transaction that starts by inserting the link row: a host linking at the same time waits on that row (or
    /// on SQLite's write lock) until this transaction ends, and then finds it taken, so it neither resets the winner's
    /// cursors nor stores its own.
    /// </remarks>
    public EnvironmentLink? LinkIfUnlinked(EnvironmentLink link, StateUpdate start)
    {
        using var connection = Open();
        while (true)
        {
            using var transaction = Dialect.BeginWrite(connection);
            if (DbCommands.Execute(connection, transaction, InsertLink + " ON CONFLICT (id) DO NOTHING", LinkValues(link)) == 1)
            {
                Reset(connection, transaction);
                Apply(connection, transaction, start);
                transaction.Commit();
                return null;
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
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, "SELECT state FROM map_states WHERE map = @map", ("map", map));
        return command.ExecuteScalar() is string state ? Enum.Parse<MapState>(state) : MapState.Running;
    }

    /// <inheritdoc/>
    public void SetMapState(string map, MapState state)
    {
        using var connection = Open();
        DbCommands.Execute(connection, null, UpsertMapState, ("map", map), ("state", state.ToString()));
    }

    /// <inheritdoc/>
    public MapStopReason? GetStopReason(string map)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, "SELECT stop_reason, stopped_at FROM map_states WHERE map = @map AND stop_reason IS NOT NULL", ("map", map));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new MapStopReason(reader.GetString(0), Dialect.ReadMoment(reader, 1)) : null;
    }

    /// <inheritdoc/>
    /// <remarks>A map without a state row runs; the row this makes for it says so.</remarks>
    public void SetStopReason(string map, MapStopReason? reason)
    {
        using var connection = Open();
        DbCommands.Execute(
            connection,
            null,
            "INSERT INTO map_states (map, state, stop_reason, stopped_at) VALUES (@map, @state, @reason, @at) " +
                "ON CONFLICT (map) DO UPDATE SET stop_reason = excluded.stop_reason, stopped_at = excluded.stopped_at",
            ("map", map),
            ("state", MapState.Running.ToString()),
            ("reason", reason?.Reason),
            ("at", reason is null ? null : Dialect.Moment(reason.At)));
    }

    /// <inheritdoc/>
    public long? GetCursor(string map, Side side)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, "SELECT sequence FROM cursors WHERE map = @map AND side = @side", ("map", map), ("side", side.ToString()));
        return command.ExecuteScalar() is long sequence ? sequence : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<CursorMove> GetCursors()
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, CursorsQuery);
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
        using var command = DbCommands.Command(connection, null, "SELECT DISTINCT record_key FROM record_queue WHERE map = @map", ("map", map));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <inheritdoc/>
    public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, $"SELECT {QueueColumns} FROM record_queue WHERE map = @map AND record_key = @key ORDER BY id", ("map", map), ("key", recordKey));
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
        using var command = DbCommands.Command(connection, null, $"SELECT {QueueColumns} FROM record_queue WHERE id = @id", ("id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadPending(reader) : null;
    }

    /// <inheritdoc/>
    public void Apply(StateUpdate update)
    {
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
        _source.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A connection of the store's source, open.</summary>
    private protected DbConnection Open() => _source.OpenConnection();

    /// <summary>
    /// The part of an update only a store several hosts share can store (its fence and partition cursors), run first in the
    /// update's transaction. A store of one host refuses it.
    /// </summary>
    private protected virtual void ApplyWorkSharing(DbConnection connection, DbTransaction transaction, StateUpdate update)
    {
        if (update.PartitionCursors.Count > 0 || update.Fence is not null)
        {
            throw new NotSupportedException("The SQLite state store serves one host; partitions and leases need the PostgreSQL state store.");
        }
    }

    /// <summary>Clears, in <see cref="Reset()"/>'s transaction, the state only a store several hosts share keeps.</summary>
    private protected virtual void ResetWorkSharing(DbConnection connection, DbTransaction transaction)
    {
    }

    private (string Name, object? Value)[] LinkValues(EnvironmentLink link) =>
    [
        ("fo", link.FoEnvironmentId),
        ("dv", link.DataverseEnvironmentId),
        ("companies", JsonSerializer.Serialize(link.Companies)),
        ("at", Dialect.Moment(link.LinkedAt)),
    ];

    private EnvironmentLink? ReadLink(DbConnection connection, DbTransaction? transaction)
    {
        using var command = DbCommands.Command(connection, transaction, "SELECT fo_environment, dataverse_environment, companies, linked_at FROM link WHERE id = 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new EnvironmentLink(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? Array.Empty<string>(), Dialect.ReadMoment(reader, 3))
            : null;
    }

    private void Reset(DbConnection connection, DbTransaction transaction)
    {
        DbCommands.Execute(connection, transaction, "DELETE FROM map_states");
        DbCommands.Execute(connection, transaction, "DELETE FROM cursors");
        DbCommands.Execute(connection, transaction, "DELETE FROM record_queue");
        DbCommands.Execute(connection, transaction, "DELETE FROM staged_changes");
        DbCommands.Execute(connection, transaction, "DELETE FROM record_events");
        ResetWorkSharing(connection, transaction);
    }

    private void Apply(DbConnection connection, DbTransaction transaction, StateUpdate update)
    {
        ApplyWorkSharing(connection, transaction, update);
        foreach (var id in update.Removed)
        {
            DbCommands.Execute(connection, transaction, "DELETE FROM record_queue WHERE id = @id", ("id", id));
        }

        var now = Dialect.Moment(DateTimeOffset.UtcNow);
        foreach (var failed in update.Failed)
        {
            DbCommands.Execute(
                connection,
                transaction,
                "UPDATE record_queue SET reason = @reason, failed_at = @at, kind = @kind, attempts = attempts + 1, first_failed_at = COALESCE(first_failed_at, @at) WHERE id = @id",
                ("id", failed.Id),
                ("reason", failed.Reason),
                ("at", now),
                ("kind", failed.Kind.ToString()));
        }

        foreach (var queued in update.Enqueued)
        {
            var change = queued.Change;
            DbCommands.Execute(
                connection,
                transaction,
                "INSERT INTO record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at) " +
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
                ("changed", Dialect.Moment(change.ChangedAt)),
                ("reason", queued.Reason),
                ("failed", queued.Reason is null ? null : now),
                ("kind", queued.Reason is null ? null : queued.Kind.ToString()),
                ("attempts", queued.Reason is null ? 0 : 1));
        }

        ApplyStaging(connection, transaction, update);
        ApplyHistory(connection, transaction, update);

        foreach (var cursor in update.Cursors)
        {
            DbCommands.Execute(
                connection,
                transaction,
                "INSERT INTO cursors (map, side, sequence) VALUES (@map, @side, @sequence) ON CONFLICT (map, side) DO UPDATE SET sequence = excluded.sequence",
                ("map", cursor.Map),
                ("side", cursor.Side.ToString()),
                ("sequence", cursor.Sequence));
        }
    }

    private ChangeRecord ReadChange(DbDataReader reader) =>
        new(
            reader.GetInt64(6),
            Enum.Parse<Side>(reader.GetString(3)),
            reader.GetString(4),
            Enum.Parse<ChangeOperation>(reader.GetString(5)),
            reader.GetString(7),
            reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            Dialect.ReadMoment(reader, 10));

    private PendingChange ReadPending(DbDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            ReadChange(reader),
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : Dialect.ReadMoment(reader, 12));
}
