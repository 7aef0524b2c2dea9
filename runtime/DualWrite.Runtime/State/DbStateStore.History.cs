using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State.History;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.State;

/// <summary>The records' histories: what became of each change, stored with the update that dealt with it.</summary>
public abstract partial class DbStateStore : IStatePages
{
    private static readonly string[] HistoryColumns =
        ["map", "record_key", "event", "side", "operation", "sequence", "changed_at", "recorded_at", "detail"];

    /// <inheritdoc/>
    public IReadOnlyList<RecordEvent> GetRecordHistory(string map, string recordKey, long afterId, int limit)
    {
        using var connection = Open();
        using var command = DbCommands.Command(
            connection,
            null,
            "SELECT id, map, record_key, event, side, operation, sequence, changed_at, recorded_at, detail FROM record_events " +
                "WHERE map = @map AND record_key = @key AND id > @after ORDER BY id LIMIT @limit",
            ("map", map),
            ("key", recordKey.ToUpperInvariant()),
            ("after", afterId),
            ("limit", limit));
        var events = new List<RecordEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new RecordEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<RecordEventKind>(reader.GetString(3)),
                Enum.Parse<Side>(reader.GetString(4)),
                Enum.Parse<ChangeOperation>(reader.GetString(5)),
                reader.GetInt64(6),
                Dialect.ReadMoment(reader, 7),
                Dialect.ReadMoment(reader, 8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return events;
    }

    /// <inheritdoc/>
    public int PurgeHistory(DateTimeOffset recordedBefore)
    {
        using var connection = Open();
        return DbCommands.Execute(connection, null, "DELETE FROM record_events WHERE recorded_at < @before", ("before", Dialect.Moment(recordedBefore)));
    }

    private void ApplyHistory(DbConnection connection, DbTransaction transaction, StateUpdate update)
    {
        if (update.History.Count == 0)
        {
            return;
        }

        var now = Dialect.Moment(DateTimeOffset.UtcNow);
        Dialect.InsertRows(
            connection,
            transaction,
            "record_events",
            HistoryColumns,
            update.History.Select(entry => new object?[]
            {
                entry.Map,
                entry.RecordKey,
                entry.Kind.ToString(),
                entry.Change.Side.ToString(),
                entry.Change.Operation.ToString(),
                entry.Change.Sequence,
                Dialect.Moment(entry.Change.ChangedAt),
                now,
                entry.Detail,
            }));
    }
}
