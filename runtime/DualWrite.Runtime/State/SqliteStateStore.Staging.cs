using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.State;

/// <summary>The staging queues of paused and replaying maps, and the error list's failure details.</summary>
public sealed partial class SqliteStateStore
{
    // partition_hash is a stable hash of the record key, so that the queue can be split by (map, hash) across hosts
    // without reading the keys; the queue itself is ordered by id.
    private static readonly string[] StagingSchema =
    {
        "CREATE TABLE IF NOT EXISTS staged_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, partition_hash INTEGER NOT NULL, " +
            "side TEXT NOT NULL, entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, " +
            "origin TEXT, changed_at TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS staged_changes_in_order ON staged_changes (map, id)",
        "CREATE INDEX IF NOT EXISTS staged_changes_by_record ON staged_changes (map, record_key, side)",
        "CREATE INDEX IF NOT EXISTS staged_changes_by_source ON staged_changes (map, side, sequence)",
    };

    private static readonly (string Name, string Definition)[] ErrorColumnsAdded =
    {
        ("kind", "kind TEXT"),
        ("attempts", "attempts INTEGER NOT NULL DEFAULT 0"),
        ("first_failed_at", "first_failed_at TEXT"),
    };

    private const string StagedColumns = "s.id, s.map, s.record_key, s.side, s.entity_set, s.operation, s.sequence, s.row_key, s.payload, s.origin, s.changed_at";

    private const string OtherSideStaged =
        "EXISTS (SELECT 1 FROM staged_changes o WHERE o.map = s.map AND o.record_key = s.record_key AND o.side <> s.side)";

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StagedColumns}, {OtherSideStaged} FROM staged_changes s WHERE s.map = $map ORDER BY s.id LIMIT $limit";
        command.Parameters.AddWithValue("$map", map);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadStagedRows(command);
    }

    /// <inheritdoc/>
    public long CountStaged(string map)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM staged_changes WHERE map = $map";
        command.Parameters.AddWithValue("$map", map);
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StagedColumns}, {OtherSideStaged} FROM staged_changes s WHERE s.map = $map AND s.record_key = $key ORDER BY s.id";
        command.Parameters.AddWithValue("$map", map);
        command.Parameters.AddWithValue("$key", recordKey);
        return ReadStagedRows(command);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StagedColumns}, {OtherSideStaged} FROM staged_changes s " +
            "WHERE s.map = $map AND s.side = $side AND s.sequence >= $from AND s.sequence <= $through ORDER BY s.id";
        command.Parameters.AddWithValue("$map", map);
        command.Parameters.AddWithValue("$side", side.ToString());
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$through", throughSequence);
        return ReadStagedRows(command);
    }

    /// <summary>A stable hash of a record key (FNV-1a over its UTF-16 code units), for partitioning the staging queue.</summary>
    internal static int PartitionHash(string recordKey)
    {
        var hash = 2166136261u;
        foreach (var character in recordKey)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return unchecked((int)hash);
    }

    // Stores made before the error list kept kinds and attempts get the columns; existing entries count one attempt.
    private static void AddErrorColumns(SqliteConnection connection, SqliteTransaction transaction)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name FROM pragma_table_info('record_queue')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in ErrorColumnsAdded)
        {
            if (!existing.Contains(name))
            {
                Execute(connection, transaction, $"ALTER TABLE record_queue ADD COLUMN {definition}");
                if (name == "attempts")
                {
                    Execute(connection, transaction, "UPDATE record_queue SET attempts = 1 WHERE reason IS NOT NULL");
                }
            }
        }
    }

    private static void ApplyStaging(SqliteConnection connection, SqliteTransaction transaction, StateUpdate update)
    {
        if (update.Unstaged.Count > 0)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM staged_changes WHERE id = $id";
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var unstaged in update.Unstaged)
            {
                id.Value = unstaged;
                delete.ExecuteNonQuery();
            }
        }

        if (update.Staged.Count > 0)
        {
            InsertStaged(connection, transaction, update.Staged);
        }

        foreach (var change in update.MapStates)
        {
            if (change.Expected is { } expected)
            {
                Execute(connection, transaction, "UPDATE map_states SET state = $state WHERE map = $map AND state = $expected", ("$map", change.Map), ("$state", change.State.ToString()), ("$expected", expected.ToString()));
            }
            else
            {
                Execute(connection, transaction, "INSERT INTO map_states (map, state) VALUES ($map, $state) ON CONFLICT (map) DO UPDATE SET state = excluded.state", ("$map", change.Map), ("$state", change.State.ToString()));
            }
        }
    }

    // One prepared statement for the whole batch: a staging chunk holds thousands of changes.
    private static void InsertStaged(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StagingEntry> entries)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO staged_changes (map, record_key, partition_hash, side, entity_set, operation, sequence, row_key, payload, origin, changed_at) " +
            "VALUES ($map, $key, $hash, $side, $set, $operation, $sequence, $row, $payload, $origin, $changed)";
        var map = insert.Parameters.Add("$map", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Integer);
        var side = insert.Parameters.Add("$side", SqliteType.Text);
        var set = insert.Parameters.Add("$set", SqliteType.Text);
        var operation = insert.Parameters.Add("$operation", SqliteType.Text);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var row = insert.Parameters.Add("$row", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var origin = insert.Parameters.Add("$origin", SqliteType.Text);
        var changed = insert.Parameters.Add("$changed", SqliteType.Text);
        insert.Prepare();
        foreach (var entry in entries)
        {
            var change = entry.Change;
            map.Value = entry.Map;
            key.Value = entry.RecordKey;
            hash.Value = PartitionHash(entry.RecordKey);
            side.Value = change.Side.ToString();
            set.Value = change.EntitySet;
            operation.Value = change.Operation.ToString();
            sequence.Value = change.Sequence;
            row.Value = change.RowKey;
            payload.Value = change.Image;
            origin.Value = (object?)change.Origin ?? DBNull.Value;
            changed.Value = FormatMoment(change.ChangedAt);
            insert.ExecuteNonQuery();
        }
    }

    private static List<StagedChange> ReadStagedRows(SqliteCommand command)
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
                ParseMoment(reader.GetString(10)));
            rows.Add(new StagedChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), change, reader.GetInt64(11) != 0));
        }

        return rows;
    }
}
