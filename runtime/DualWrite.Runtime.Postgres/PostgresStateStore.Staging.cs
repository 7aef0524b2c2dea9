using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using Npgsql;

namespace DualWrite.Runtime.Postgres;

/// <summary>The staging queues of paused and replaying maps, and the error list's filters, as <see cref="SqliteStateStore"/> keeps them.</summary>
public sealed partial class PostgresStateStore
{
    private const string StagedColumns = "s.id, s.map, s.record_key, s.side, s.entity_set, s.operation, s.sequence, s.row_key, s.payload, s.origin, s.changed_at";

    private const string OtherSideStaged =
        "EXISTS (SELECT 1 FROM dualwrite.staged_changes o WHERE o.map = s.map AND o.record_key = s.record_key AND o.side <> s.side)";

    /// <inheritdoc/>
    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(
            connection,
            null,
            $"SELECT {QueueColumns}, (SELECT count(*) FROM dualwrite.record_queue w WHERE w.map = q.map AND w.record_key = q.record_key AND w.id > q.id) " +
                "FROM dualwrite.record_queue q WHERE reason IS NOT NULL AND (@map::text IS NULL OR map = @map) AND (@key::text IS NULL OR record_key = @key) " +
                "AND (@before::timestamptz IS NULL OR failed_at < @before) ORDER BY id",
            ("map", filter.Map),
            ("key", filter.RecordKey?.ToUpperInvariant()),
            ("before", filter.LastFailedBefore?.ToUniversalTime()));
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
                (int)reader.GetInt64(16),
                reader.IsDBNull(13) ? SyncErrorKind.Value : Enum.Parse<SyncErrorKind>(reader.GetString(13)),
                reader.GetInt32(14),
                reader.IsDBNull(15) ? pending.FailedAt.Value : reader.GetFieldValue<DateTimeOffset>(15)));
        }

        return errors;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, $"SELECT {StagedColumns}, {OtherSideStaged} FROM dualwrite.staged_changes s WHERE s.map = @map ORDER BY s.id LIMIT @limit", ("map", map), ("limit", limit));
        return ReadStagedRows(command);
    }

    /// <inheritdoc/>
    public long CountStaged(string map)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, "SELECT count(*) FROM dualwrite.staged_changes WHERE map = @map", ("map", map));
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, null, $"SELECT {StagedColumns}, {OtherSideStaged} FROM dualwrite.staged_changes s WHERE s.map = @map AND s.record_key = @key ORDER BY s.id", ("map", map), ("key", recordKey));
        return ReadStagedRows(command);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(
            connection,
            null,
            $"SELECT {StagedColumns}, {OtherSideStaged} FROM dualwrite.staged_changes s WHERE s.map = @map AND s.side = @side AND s.sequence >= @from AND s.sequence <= @through ORDER BY s.id",
            ("map", map),
            ("side", side.ToString()),
            ("from", fromSequence),
            ("through", throughSequence));
        return ReadStagedRows(command);
    }

    private static void ApplyStaging(NpgsqlConnection connection, NpgsqlTransaction transaction, StateUpdate update)
    {
        if (update.Unstaged.Count > 0)
        {
            Execute(connection, transaction, "DELETE FROM dualwrite.staged_changes WHERE id = ANY(@ids)", ("ids", update.Unstaged.ToArray()));
        }

        if (update.Staged.Count > 0)
        {
            InsertStaged(connection, transaction, update.Staged);
        }

        foreach (var change in update.MapStates)
        {
            if (change.Expected is { } expected)
            {
                Execute(connection, transaction, "UPDATE dualwrite.map_states SET state = @state WHERE map = @map AND state = @expected", ("map", change.Map), ("state", change.State.ToString()), ("expected", expected.ToString()));
            }
            else
            {
                Execute(connection, transaction, "INSERT INTO dualwrite.map_states (map, state) VALUES (@map, @state) ON CONFLICT (map) DO UPDATE SET state = excluded.state", ("map", change.Map), ("state", change.State.ToString()));
            }
        }
    }

    // A staging chunk holds thousands of changes: one binary COPY instead of a round trip per row.
    private static void InsertStaged(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StagingEntry> entries)
    {
        using var writer = connection.BeginBinaryImport(
            "COPY dualwrite.staged_changes (map, record_key, partition_hash, side, entity_set, operation, sequence, row_key, payload, origin, changed_at) FROM STDIN (FORMAT BINARY)");
        foreach (var entry in entries)
        {
            var change = entry.Change;
            writer.StartRow();
            writer.Write(entry.Map, NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(entry.RecordKey, NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(PartitionHash(entry.RecordKey), NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(change.Side.ToString(), NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(change.EntitySet, NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(change.Operation.ToString(), NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(change.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint);
            writer.Write(change.RowKey, NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(change.Image, NpgsqlTypes.NpgsqlDbType.Text);
            if (change.Origin is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(change.Origin, NpgsqlTypes.NpgsqlDbType.Text);
            }

            writer.Write(change.ChangedAt.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
        }

        writer.Complete();
    }

    // The same stable hash as the SQLite store's column (FNV-1a over UTF-16 code units), kept so both stores hold alike rows.
    private static int PartitionHash(string recordKey)
    {
        var hash = 2166136261u;
        foreach (var character in recordKey)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return unchecked((int)hash);
    }

    private static List<StagedChange> ReadStagedRows(NpgsqlCommand command)
    {
        var rows = new List<StagedChange>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
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
            rows.Add(new StagedChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), change, reader.GetBoolean(11)));
        }

        return rows;
    }
}
