using System;
using System.Collections.Generic;
using DualWrite.Runtime.State.Activity;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.State;

/// <summary>The maps' activity logs (migration 8).</summary>
public abstract partial class DbStateStore : IActivityLog
{
    /// <inheritdoc/>
    public void AddActivity(string map, ActivityKind kind, string? actor, string text)
    {
        using var connection = Open();
        DbCommands.Execute(
            connection,
            null,
            "INSERT INTO map_activity (map, at, kind, actor, text) VALUES (@map, @at, @kind, @actor, @text)",
            ("map", map),
            ("at", Dialect.Moment(DateTimeOffset.UtcNow)),
            ("kind", kind.ToString()),
            ("actor", actor),
            ("text", text));
    }

    /// <inheritdoc/>
    public IReadOnlyList<ActivityEntry> GetActivityPage(string map, long beforeId, int limit)
    {
        using var connection = Open();
        using var command = DbCommands.Command(
            connection,
            null,
            "SELECT id, map, at, kind, actor, text FROM map_activity WHERE map = @map AND id < @before ORDER BY id DESC LIMIT @limit",
            ("map", map),
            ("before", beforeId > 0 ? beforeId : long.MaxValue),
            ("limit", limit));
        var entries = new List<ActivityEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ActivityEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                Dialect.ReadMoment(reader, 2),
                Enum.Parse<ActivityKind>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5)));
        }

        return entries;
    }
}
