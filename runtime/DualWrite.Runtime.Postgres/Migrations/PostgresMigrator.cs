using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace DualWrite.Runtime.Postgres.Migrations;

/// <summary>
/// Brings the <c>dualwrite</c> schema to the latest version. Hosts that start together serialize on an advisory lock,
/// so each migration runs once, in its own transaction, recorded in <c>dualwrite.migrations</c> in that transaction.
/// </summary>
internal static class PostgresMigrator
{
    // Any constant does, as long as nothing else in the database locks it: "DWMIGR" in ASCII.
    private const long LockKey = 0x44_57_4D_49_47_52;

    /// <summary>Applies the migrations the database lacks; returns the versions applied.</summary>
    /// <exception cref="InvalidOperationException">The database was migrated by a newer runtime.</exception>
    public static IReadOnlyList<int> Migrate(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        Execute(connection, null, "SELECT pg_advisory_lock(@key)", LockKey);
        try
        {
            Execute(connection, null, "CREATE SCHEMA IF NOT EXISTS dualwrite");
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS dualwrite.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = AppliedVersions(connection);
            var latest = PostgresMigrations.All[^1].Version;
            if (applied.Count > 0 && applied.Max() > latest)
            {
                throw new InvalidOperationException(
                    $"The state store's schema is at version {applied.Max()}, newer than this runtime knows ({latest}); run a runtime at least as new as the one that migrated it.");
            }

            var done = new List<int>();
            foreach (var migration in PostgresMigrations.All.Where(m => !applied.Contains(m.Version)))
            {
                using var transaction = connection.BeginTransaction();
                foreach (var statement in migration.Statements)
                {
                    Execute(connection, transaction, statement);
                }

                using (var record = new NpgsqlCommand("INSERT INTO dualwrite.migrations (version, name) VALUES (@version, @name)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
                done.Add(migration.Version);
            }

            return done;
        }
        finally
        {
            Execute(connection, null, "SELECT pg_advisory_unlock(@key)", LockKey);
        }
    }

    private static HashSet<int> AppliedVersions(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT version FROM dualwrite.migrations", connection);
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long? key = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        if (key is { } value)
        {
            command.Parameters.AddWithValue("key", value);
        }

        command.ExecuteNonQuery();
    }
}
