using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.State;

/// <summary>The staging queues of paused and replaying maps, map-state changes, and the error list with its filters.</summary>
public abstract partial class DbStateStore
{
    // A map that runs again (or pauses) is no longer stopped for the reason recorded: the reason goes with the stop.
    private const string UpsertMapState =
        "INSERT INTO map_states (map, state) VALUES (@map, @state) ON CONFLICT (map) DO UPDATE SET state = excluded.state, " +
        "stop_reason = CASE WHEN excluded.state = 'Stopped' THEN map_states.stop_reason END, stopped_at = CASE WHEN excluded.state = 'Stopped' THEN map_states.stopped_at END";

    private const string StagedColumns = "s.id, s.map, s.record_key, s.side, s.entity_set, s.operation, s.sequence, s.row_key, s.payload, s.origin, s.changed_at";

    private const string OtherSideStaged =
        "EXISTS (SELECT 1 FROM staged_changes o WHERE o.map = s.map AND o.record_key = s.record_key AND o.side <> s.side)";

    private static readonly string[] StagingColumns =
        ["map", "record_key", "partition_hash", "side", "entity_set", "operation", "sequence", "row_key", "payload", "origin", "changed_at"];

    /// <inheritdoc/>
    public IReadOnlyList<SyncError> GetErrors() => GetErrors(ErrorFilter.All);

    /// <inheritdoc/>
    public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => ReadErrors(filter, "ORDER BY id");

    /// <inheritdoc/>
    public IReadOnlyList<SyncError> GetErrorPage(ErrorFilter filter, long afterId, int limit) =>
        ReadErrors(filter, "AND id > @after ORDER BY id LIMIT @limit", ("after", afterId), ("limit", limit));

    /// <inheritdoc/>
    public long CountErrors(ErrorFilter filter)
    {
        var (conditions, parameters) = ErrorConditions(filter);
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, $"SELECT COUNT(*) FROM record_queue WHERE {conditions}", parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> GetStagedPage(string map, string? recordKey, long afterId, int limit) =>
        recordKey is null
            ? ReadStagedRows("s.map = @map AND s.id > @after ORDER BY s.id LIMIT @limit", ("map", map), ("after", afterId), ("limit", limit))
            : ReadStagedRows(
                "s.map = @map AND s.record_key = @key AND s.id > @after ORDER BY s.id LIMIT @limit",
                ("map", map),
                ("key", recordKey.ToUpperInvariant()),
                ("after", afterId),
                ("limit", limit));

    private (string Conditions, (string Name, object? Value)[] Parameters) ErrorConditions(ErrorFilter filter)
    {
        var conditions = new List<string> { "reason IS NOT NULL" };
        var parameters = new List<(string Name, object? Value)>();
        if (filter.Map is { } map)
        {
            conditions.Add("map = @map");
            parameters.Add(("map", map));
        }

        if (filter.RecordKey is { } key)
        {
            conditions.Add("record_key = @key");
            parameters.Add(("key", key.ToUpperInvariant()));
        }

        if (filter.LastFailedBefore is { } before)
        {
            conditions.Add("failed_at < @before");
            parameters.Add(("before", Dialect.Moment(before)));
        }

        // Entries failed before kinds were recorded count as value failures (as ReadErrors reads them).
        if (filter.Kind is { } kind)
        {
            conditions.Add(kind == SyncErrorKind.Value ? "(kind = @kind OR kind IS NULL)" : "kind = @kind");
            parameters.Add(("kind", kind.ToString()));
        }

        return (string.Join(" AND ", conditions), [.. parameters]);
    }

    private List<SyncError> ReadErrors(ErrorFilter filter, string tail, params (string Name, object? Value)[] extra)
    {
        var (conditions, parameters) = ErrorConditions(filter);
        using var connection = Open();
        using var command = DbCommands.Command(
            connection,
            null,
            $"SELECT {QueueColumns}, (SELECT COUNT(*) FROM record_queue w WHERE w.map = q.map AND w.record_key = q.record_key AND w.id > q.id) " +
                $"FROM record_queue q WHERE {conditions} {tail}",
            [.. parameters, .. extra]);
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
                reader.IsDBNull(15) ? pending.FailedAt.Value : Dialect.ReadMoment(reader, 15)));
        }

        return errors;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) =>
        ReadStagedRows("s.map = @map ORDER BY s.id LIMIT @limit", ("map", map), ("limit", limit));

    /// <inheritdoc/>
    public long CountStaged(string map)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, "SELECT COUNT(*) FROM staged_changes WHERE map = @map", ("map", map));
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) =>
        ReadStagedRows("s.map = @map AND s.record_key = @key ORDER BY s.id", ("map", map), ("key", recordKey));

    /// <inheritdoc/>
    public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) =>
        ReadStagedRows(
            "s.map = @map AND s.side = @side AND s.sequence >= @from AND s.sequence <= @through ORDER BY s.id",
            ("map", map),
            ("side", side.ToString()),
            ("from", fromSequence),
            ("through", throughSequence));

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

    private void ApplyStaging(DbConnection connection, DbTransaction transaction, StateUpdate update)
    {
        if (update.Unstaged.Count > 0)
        {
            DbCommands.Execute(connection, transaction, $"DELETE FROM staged_changes WHERE {Dialect.IsAnyOf("id", "ids")}", ("ids", Dialect.IdList(update.Unstaged)));
        }

        if (update.Staged.Count > 0)
        {
            Dialect.InsertRows(connection, transaction, "staged_changes", StagingColumns, update.Staged.Select(StagingRow));
        }

        foreach (var change in update.MapStates)
        {
            if (change.Expected is { } expected)
            {
                DbCommands.Execute(
                    connection,
                    transaction,
                    "UPDATE map_states SET state = @state, stop_reason = CASE WHEN @state = 'Stopped' THEN stop_reason END, " +
                        "stopped_at = CASE WHEN @state = 'Stopped' THEN stopped_at END WHERE map = @map AND state = @expected",
                    ("map", change.Map),
                    ("state", change.State.ToString()),
                    ("expected", expected.ToString()));
            }
            else
            {
                DbCommands.Execute(connection, transaction, UpsertMapState, ("map", change.Map), ("state", change.State.ToString()));
            }
        }
    }

    private object?[] StagingRow(StagingEntry entry)
    {
        var change = entry.Change;
        return
        [
            entry.Map,
            entry.RecordKey,
            PartitionHash(entry.RecordKey),
            change.Side.ToString(),
            change.EntitySet,
            change.Operation.ToString(),
            change.Sequence,
            change.RowKey,
            change.Image,
            change.Origin,
            Dialect.Moment(change.ChangedAt),
        ];
    }

    private List<StagedChange> ReadStagedRows(string condition, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, $"SELECT {StagedColumns}, {OtherSideStaged} FROM staged_changes s WHERE {condition}", parameters);
        var rows = new List<StagedChange>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new StagedChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), ReadChange(reader), reader.GetBoolean(11)));
        }

        return rows;
    }
}
