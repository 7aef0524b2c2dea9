using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.State;

/// <summary>The initial sync's runs, checkpoints and error list, in the state store's database.</summary>
public abstract partial class DbStateStore : IInitialSyncStore
{
    private const string ErrorColumns = "id, run_id, map, pass, side, record_key, row, reason, failed_at, skipped";

    /// <inheritdoc/>
    public void CreateRun(InitialSyncRun run)
    {
        using var connection = Open();
        DbCommands.Execute(
            connection,
            null,
            "INSERT INTO initial_sync_runs (run_id, master, steps, status, started_at, finished_at) VALUES (@id, @master, @steps, @status, @started, NULL)",
            ("id", run.Id),
            ("master", run.Master.ToString()),
            ("steps", JsonSerializer.Serialize(run.Steps)),
            ("status", run.Status.ToString()),
            ("started", Dialect.Moment(run.StartedAt)));
    }

    /// <inheritdoc/>
    public InitialSyncRun? GetRun(string runId)
    {
        var runs = ReadRuns("WHERE run_id = @id", runId);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc/>
    public IReadOnlyList<InitialSyncRun> GetRuns() => ReadRuns(string.Empty, null);

    /// <inheritdoc/>
    public void SetRunStatus(string runId, InitialSyncRunStatus status)
    {
        using var connection = Open();
        DbCommands.Execute(
            connection,
            null,
            "UPDATE initial_sync_runs SET status = @status, finished_at = @finished WHERE run_id = @id",
            ("id", runId),
            ("status", status.ToString()),
            ("finished", status == InitialSyncRunStatus.Running ? null : Dialect.Moment(DateTimeOffset.UtcNow)));
    }

    /// <inheritdoc/>
    public InitialSyncCheckpoint? GetCheckpoint(string runId, string map, InitialSyncPass pass)
    {
        using var connection = Open();
        using var command = DbCommands.Command(
            connection,
            null,
            "SELECT status, last_key, fo_read, dataverse_read, inserted, updated, unchanged, skipped, failed FROM initial_sync_checkpoints " +
                "WHERE run_id = @id AND map = @map AND pass = @pass",
            ("id", runId),
            ("map", map),
            ("pass", (int)pass));
        InitialSyncCheckpoint checkpoint;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            var counts = new InitialSyncCounts
            {
                FoRead = reader.GetInt64(2),
                DataverseRead = reader.GetInt64(3),
                Inserted = reader.GetInt64(4),
                Updated = reader.GetInt64(5),
                Unchanged = reader.GetInt64(6),
                Skipped = reader.GetInt64(7),
                Failed = reader.GetInt64(8),
            };
            var lastKey = reader.IsDBNull(1) ? null : JsonSerializer.Deserialize<string[]>(reader.GetString(1));
            checkpoint = new InitialSyncCheckpoint(runId, map, pass, Enum.Parse<InitialSyncStepStatus>(reader.GetString(0)), lastKey, counts);
        }

        ReadCompanyCounts(connection, checkpoint);
        return checkpoint;
    }

    private static void ReadCompanyCounts(DbConnection connection, InitialSyncCheckpoint checkpoint)
    {
        using var command = DbCommands.Command(
            connection,
            null,
            "SELECT company, rows_read, rows_written, rows_failed FROM initial_sync_company_counts WHERE run_id = @id AND map = @map AND pass = @pass",
            ("id", checkpoint.RunId),
            ("map", checkpoint.Map),
            ("pass", (int)checkpoint.Pass));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var counts = checkpoint.Counts.Company(reader.GetString(0));
            (counts.Read, counts.Written, counts.Failed) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(InitialSyncCheckpoint checkpoint, IReadOnlyList<InitialSyncFailure> failures)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var now = Dialect.Moment(DateTimeOffset.UtcNow);
        foreach (var failure in failures)
        {
            DbCommands.Execute(
                connection,
                transaction,
                "INSERT INTO initial_sync_errors (run_id, map, pass, side, record_key, key, row, reason, failed_at) VALUES (@run, @map, @pass, @side, @record, @key, @row, @reason, @at)",
                ("run", checkpoint.RunId),
                ("map", failure.Map),
                ("pass", (int)failure.Pass),
                ("side", failure.SourceSide.ToString()),
                ("record", failure.Key.ToString()),
                ("key", JsonSerializer.Serialize(new StoredKey(failure.Key.Company, failure.Key.Values))),
                ("row", failure.Row),
                ("reason", failure.Reason),
                ("at", now));
        }

        var counts = checkpoint.Counts;
        DbCommands.Execute(
            connection,
            transaction,
            "INSERT INTO initial_sync_checkpoints (run_id, map, pass, status, last_key, fo_read, dataverse_read, inserted, updated, unchanged, skipped, failed, saved_at) " +
                "VALUES (@run, @map, @pass, @status, @key, @fo, @dv, @ins, @upd, @unch, @skip, @fail, @at) ON CONFLICT (run_id, map, pass) DO UPDATE SET " +
                "status = excluded.status, last_key = excluded.last_key, fo_read = excluded.fo_read, dataverse_read = excluded.dataverse_read, inserted = excluded.inserted, " +
                "updated = excluded.updated, unchanged = excluded.unchanged, skipped = excluded.skipped, failed = excluded.failed, saved_at = excluded.saved_at",
            ("run", checkpoint.RunId),
            ("map", checkpoint.Map),
            ("pass", (int)checkpoint.Pass),
            ("status", checkpoint.Status.ToString()),
            ("key", checkpoint.LastKey is null ? null : JsonSerializer.Serialize(checkpoint.LastKey)),
            ("fo", counts.FoRead),
            ("dv", counts.DataverseRead),
            ("ins", counts.Inserted),
            ("upd", counts.Updated),
            ("unch", counts.Unchanged),
            ("skip", counts.Skipped),
            ("fail", counts.Failed),
            ("at", now));
        foreach (var (company, companyCounts) in counts.Companies)
        {
            DbCommands.Execute(
                connection,
                transaction,
                "INSERT INTO initial_sync_company_counts (run_id, map, pass, company, rows_read, rows_written, rows_failed) VALUES (@run, @map, @pass, @company, @read, @written, @failed) " +
                    "ON CONFLICT (run_id, map, pass, company) DO UPDATE SET rows_read = excluded.rows_read, rows_written = excluded.rows_written, rows_failed = excluded.rows_failed",
                ("run", checkpoint.RunId),
                ("map", checkpoint.Map),
                ("pass", (int)checkpoint.Pass),
                ("company", company),
                ("read", companyCounts.Read),
                ("written", companyCounts.Written),
                ("failed", companyCounts.Failed));
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<InitialSyncError> GetErrors(string runId) => ReadInitialSyncErrors("run_id = @id ORDER BY id", ("id", runId));

    /// <inheritdoc/>
    public IReadOnlyList<InitialSyncError> GetInitialSyncErrorPage(string runId, string? map, string? company, long afterId, int limit)
    {
        var condition = new StringBuilder("run_id = @id AND id > @after");
        var parameters = new List<(string Name, object? Value)> { ("id", runId), ("after", afterId), ("limit", limit) };
        if (map is not null)
        {
            condition.Append(" AND map = @map");
            parameters.Add(("map", map));
        }

        if (company is not null)
        {
            // The record key starts with the company and '|' (IntegrationKey.ToString); companies compare ignoring case.
            var prefix = company.ToUpperInvariant() + "|";
            condition.Append(CultureInfo.InvariantCulture, $" AND upper(substr(record_key, 1, {prefix.Length})) = @company");
            parameters.Add(("company", prefix));
        }

        return ReadInitialSyncErrors(condition.Append(" ORDER BY id LIMIT @limit").ToString(), [.. parameters]);
    }

    /// <inheritdoc/>
    public IReadOnlyList<InitialSyncErrorCount> CountInitialSyncErrors(string runId, IReadOnlyList<string> companies)
    {
        // A record key is the company, '|', then the key's values (IntegrationKey.ToString); substr and CASE read the same on both databases.
        var parameters = new List<(string Name, object? Value)> { ("run", runId) };
        var company = new StringBuilder("CASE");
        for (var i = 0; i < companies.Count; i++)
        {
            var prefix = companies[i] + "|";
            company.Append(CultureInfo.InvariantCulture, $" WHEN substr(record_key, 1, {prefix.Length}) = @c{i} THEN @c{i}");
            parameters.Add(("c" + i.ToString(CultureInfo.InvariantCulture), prefix));
        }

        company.Append(" ELSE '|' END");
        using var connection = Open();
        using var command = DbCommands.Command(
            connection,
            null,
            $"SELECT map, {company} AS company, COUNT(*) FROM initial_sync_errors WHERE run_id = @run GROUP BY map, {company} ORDER BY map, company",
            [.. parameters]);
        var counts = new List<InitialSyncErrorCount>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts.Add(new InitialSyncErrorCount(reader.GetString(0), reader.GetString(1).TrimEnd('|'), reader.GetInt64(2)));
        }

        return counts;
    }

    private List<InitialSyncError> ReadInitialSyncErrors(string condition, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, $"SELECT {ErrorColumns} FROM initial_sync_errors WHERE {condition}", parameters);
        var errors = new List<InitialSyncError>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            errors.Add(new InitialSyncError(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                (InitialSyncPass)reader.GetInt32(3),
                Enum.Parse<Side>(reader.GetString(4)),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                Dialect.ReadMoment(reader, 8),
                reader.GetBoolean(9)));
        }

        return errors;
    }

    /// <inheritdoc/>
    public IntegrationKey GetErrorKey(long errorId)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, "SELECT key FROM initial_sync_errors WHERE id = @id", ("id", errorId));
        var stored = command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<StoredKey>(json) : null;
        return stored is null
            ? throw new ArgumentException($"The initial-sync error list has no entry {errorId}.", nameof(errorId))
            : new IntegrationKey(stored.Company, [.. stored.Values]);
    }

    /// <inheritdoc/>
    public void RemoveError(long errorId)
    {
        using var connection = Open();
        DbCommands.Execute(connection, null, "DELETE FROM initial_sync_errors WHERE id = @id", ("id", errorId));
    }

    /// <inheritdoc/>
    public void UpdateError(long errorId, string reason)
    {
        using var connection = Open();
        DbCommands.Execute(
            connection,
            null,
            "UPDATE initial_sync_errors SET reason = @reason, failed_at = @at WHERE id = @id",
            ("id", errorId),
            ("reason", reason),
            ("at", Dialect.Moment(DateTimeOffset.UtcNow)));
    }

    /// <inheritdoc/>
    public void SkipErrors(string runId)
    {
        using var connection = Open();
        DbCommands.Execute(connection, null, "UPDATE initial_sync_errors SET skipped = TRUE WHERE run_id = @id", ("id", runId));
    }

    private List<InitialSyncRun> ReadRuns(string where, string? runId)
    {
        using var connection = Open();
        using var command = DbCommands.Command(
            connection,
            null,
            $"SELECT run_id, master, steps, status, started_at, finished_at FROM initial_sync_runs {where} ORDER BY started_at DESC, {Dialect.InsertionOrder} DESC",
            runId is null ? [] : [("id", runId)]);
        var runs = new List<InitialSyncRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new InitialSyncRun(
                reader.GetString(0),
                Enum.Parse<Side>(reader.GetString(1)),
                JsonSerializer.Deserialize<InitialSyncStep[]>(reader.GetString(2)) ?? Array.Empty<InitialSyncStep>(),
                Enum.Parse<InitialSyncRunStatus>(reader.GetString(3)),
                Dialect.ReadMoment(reader, 4),
                reader.IsDBNull(5) ? null : Dialect.ReadMoment(reader, 5)));
        }

        return runs;
    }

    private sealed record StoredKey(string? Company, IReadOnlyList<string?> Values);
}
