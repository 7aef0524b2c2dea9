using System;
using System.Collections.Generic;
using System.Text.Json;
using DualWrite.Runtime.InitialSync;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.State;

/// <summary>The initial sync's runs, checkpoints and error list, in the state store's database.</summary>
public sealed partial class SqliteStateStore : IInitialSyncStore
{
    private static readonly string[] InitialSyncSchema =
    {
        "CREATE TABLE IF NOT EXISTS initial_sync_runs (run_id TEXT PRIMARY KEY, master TEXT NOT NULL, steps TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT)",
        "CREATE TABLE IF NOT EXISTS initial_sync_checkpoints (run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, status TEXT NOT NULL, last_key TEXT, " +
            "fo_read INTEGER NOT NULL, dataverse_read INTEGER NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, " +
            "skipped INTEGER NOT NULL, failed INTEGER NOT NULL, saved_at TEXT NOT NULL, PRIMARY KEY (run_id, map, pass))",
        "CREATE TABLE IF NOT EXISTS initial_sync_errors (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, side TEXT NOT NULL, " +
            "record_key TEXT NOT NULL, key TEXT NOT NULL, row TEXT NOT NULL, reason TEXT NOT NULL, failed_at TEXT NOT NULL, skipped INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX IF NOT EXISTS initial_sync_errors_by_run ON initial_sync_errors (run_id, id)",
    };

    private const string ErrorColumns = "id, run_id, map, pass, side, record_key, row, reason, failed_at, skipped";

    private bool _initialSyncReady;

    /// <inheritdoc/>
    public void CreateRun(InitialSyncRun run)
    {
        using var connection = OpenInitialSync();
        Execute(
            connection,
            null,
            "INSERT INTO initial_sync_runs (run_id, master, steps, status, started_at, finished_at) VALUES ($id, $master, $steps, $status, $started, NULL)",
            ("$id", run.Id),
            ("$master", run.Master.ToString()),
            ("$steps", JsonSerializer.Serialize(run.Steps)),
            ("$status", run.Status.ToString()),
            ("$started", FormatMoment(run.StartedAt)));
    }

    /// <inheritdoc/>
    public InitialSyncRun? GetRun(string runId)
    {
        var runs = ReadRuns("WHERE run_id = $id", runId);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc/>
    public IReadOnlyList<InitialSyncRun> GetRuns() => ReadRuns(string.Empty, null);

    /// <inheritdoc/>
    public void SetRunStatus(string runId, InitialSyncRunStatus status)
    {
        using var connection = OpenInitialSync();
        Execute(
            connection,
            null,
            "UPDATE initial_sync_runs SET status = $status, finished_at = $finished WHERE run_id = $id",
            ("$id", runId),
            ("$status", status.ToString()),
            ("$finished", status == InitialSyncRunStatus.Running ? null : FormatMoment(DateTimeOffset.UtcNow)));
    }

    /// <inheritdoc/>
    public InitialSyncCheckpoint? GetCheckpoint(string runId, string map, InitialSyncPass pass)
    {
        using var connection = OpenInitialSync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, last_key, fo_read, dataverse_read, inserted, updated, unchanged, skipped, failed FROM initial_sync_checkpoints " +
            "WHERE run_id = $id AND map = $map AND pass = $pass";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$map", map);
        command.Parameters.AddWithValue("$pass", (int)pass);
        using var reader = command.ExecuteReader();
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
        return new InitialSyncCheckpoint(runId, map, pass, Enum.Parse<InitialSyncStepStatus>(reader.GetString(0)), lastKey, counts);
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(InitialSyncCheckpoint checkpoint, IReadOnlyList<InitialSyncFailure> failures)
    {
        using var connection = OpenInitialSync();
        using var transaction = connection.BeginTransaction();
        var now = FormatMoment(DateTimeOffset.UtcNow);
        foreach (var failure in failures)
        {
            Execute(
                connection,
                transaction,
                "INSERT INTO initial_sync_errors (run_id, map, pass, side, record_key, key, row, reason, failed_at) VALUES ($run, $map, $pass, $side, $record, $key, $row, $reason, $at)",
                ("$run", checkpoint.RunId),
                ("$map", failure.Map),
                ("$pass", (int)failure.Pass),
                ("$side", failure.SourceSide.ToString()),
                ("$record", failure.Key.ToString()),
                ("$key", JsonSerializer.Serialize(new StoredKey(failure.Key.Company, failure.Key.Values))),
                ("$row", failure.Row),
                ("$reason", failure.Reason),
                ("$at", now));
        }

        var counts = checkpoint.Counts;
        Execute(
            connection,
            transaction,
            "INSERT INTO initial_sync_checkpoints (run_id, map, pass, status, last_key, fo_read, dataverse_read, inserted, updated, unchanged, skipped, failed, saved_at) " +
                "VALUES ($run, $map, $pass, $status, $key, $fo, $dv, $ins, $upd, $unch, $skip, $fail, $at) ON CONFLICT (run_id, map, pass) DO UPDATE SET " +
                "status = excluded.status, last_key = excluded.last_key, fo_read = excluded.fo_read, dataverse_read = excluded.dataverse_read, inserted = excluded.inserted, " +
                "updated = excluded.updated, unchanged = excluded.unchanged, skipped = excluded.skipped, failed = excluded.failed, saved_at = excluded.saved_at",
            ("$run", checkpoint.RunId),
            ("$map", checkpoint.Map),
            ("$pass", (int)checkpoint.Pass),
            ("$status", checkpoint.Status.ToString()),
            ("$key", checkpoint.LastKey is null ? null : JsonSerializer.Serialize(checkpoint.LastKey)),
            ("$fo", counts.FoRead),
            ("$dv", counts.DataverseRead),
            ("$ins", counts.Inserted),
            ("$upd", counts.Updated),
            ("$unch", counts.Unchanged),
            ("$skip", counts.Skipped),
            ("$fail", counts.Failed),
            ("$at", now));
        transaction.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<InitialSyncError> GetErrors(string runId)
    {
        using var connection = OpenInitialSync();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ErrorColumns} FROM initial_sync_errors WHERE run_id = $id ORDER BY id";
        command.Parameters.AddWithValue("$id", runId);
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
                ParseMoment(reader.GetString(8)),
                reader.GetInt64(9) != 0));
        }

        return errors;
    }

    /// <inheritdoc/>
    public IntegrationKey GetErrorKey(long errorId)
    {
        using var connection = OpenInitialSync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM initial_sync_errors WHERE id = $id";
        command.Parameters.AddWithValue("$id", errorId);
        var stored = command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<StoredKey>(json) : null;
        return stored is null
            ? throw new ArgumentException($"The initial-sync error list has no entry {errorId}.", nameof(errorId))
            : new IntegrationKey(stored.Company, [.. stored.Values]);
    }

    /// <inheritdoc/>
    public void RemoveError(long errorId)
    {
        using var connection = OpenInitialSync();
        Execute(connection, null, "DELETE FROM initial_sync_errors WHERE id = $id", ("$id", errorId));
    }

    /// <inheritdoc/>
    public void UpdateError(long errorId, string reason)
    {
        using var connection = OpenInitialSync();
        Execute(connection, null, "UPDATE initial_sync_errors SET reason = $reason, failed_at = $at WHERE id = $id", ("$id", errorId), ("$reason", reason), ("$at", FormatMoment(DateTimeOffset.UtcNow)));
    }

    /// <inheritdoc/>
    public void SkipErrors(string runId)
    {
        using var connection = OpenInitialSync();
        Execute(connection, null, "UPDATE initial_sync_errors SET skipped = 1 WHERE run_id = $id", ("$id", runId));
    }

    private List<InitialSyncRun> ReadRuns(string where, string? runId)
    {
        using var connection = OpenInitialSync();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT run_id, master, steps, status, started_at, finished_at FROM initial_sync_runs {where} ORDER BY started_at DESC, rowid DESC";
        if (runId is not null)
        {
            command.Parameters.AddWithValue("$id", runId);
        }

        var runs = new List<InitialSyncRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new InitialSyncRun(
                reader.GetString(0),
                Enum.Parse<Side>(reader.GetString(1)),
                JsonSerializer.Deserialize<InitialSyncStep[]>(reader.GetString(2)) ?? Array.Empty<InitialSyncStep>(),
                Enum.Parse<InitialSyncRunStatus>(reader.GetString(3)),
                ParseMoment(reader.GetString(4)),
                reader.IsDBNull(5) ? null : ParseMoment(reader.GetString(5))));
        }

        return runs;
    }

    // The tables are made on first use, so stores created before the initial sync existed gain them without a migration step.
    private SqliteConnection OpenInitialSync()
    {
        var connection = Open();
        if (!_initialSyncReady)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var statement in InitialSyncSchema)
            {
                Execute(connection, transaction, statement);
            }

            transaction.Commit();
            _initialSyncReady = true;
        }

        return connection;
    }

    private sealed record StoredKey(string? Company, IReadOnlyList<string?> Values);
}
