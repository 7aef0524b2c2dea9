using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;

namespace DualWrite.Runtime.State.Sql;

/// <summary>
/// Brings a state store's schema to the latest version of <see cref="StateMigrations"/>: each missing step in its own
/// transaction, recorded in the <c>migrations</c> table in that transaction, under the dialect's migration lock.
/// </summary>
internal static class StateMigrator
{
    /// <summary>Applies the steps the store lacks; returns the versions applied.</summary>
    /// <exception cref="InvalidOperationException">The store was migrated by a newer runtime.</exception>
    public static IReadOnlyList<int> Migrate(DbConnection connection, SqlDialect dialect, IReadOnlyList<StateMigration> migrations)
    {
        using var migrationLock = dialect.LockMigrations(connection);
        Prepare(connection, dialect, migrations);
        var done = new List<int>();
        foreach (var migration in migrations)
        {
            using var transaction = dialect.BeginWrite(connection);

            // Read again in the step's own write transaction: without a migration lock (SQLite) another process may have applied it meanwhile.
            if (AppliedVersions(connection, transaction).Contains(migration.Version))
            {
                continue;
            }

            foreach (var statement in dialect.StatementsOf(migration))
            {
                DbCommands.Execute(connection, transaction, statement);
            }

            Record(connection, transaction, migration);
            transaction.Commit();
            done.Add(migration.Version);
        }

        return done;
    }

    // Makes the version table, records what a store from before versions already has, and refuses a store from the future.
    private static void Prepare(DbConnection connection, SqlDialect dialect, IReadOnlyList<StateMigration> migrations)
    {
        using var transaction = dialect.BeginWrite(connection);
        foreach (var statement in dialect.VersionTable)
        {
            DbCommands.Execute(connection, transaction, statement);
        }

        var applied = AppliedVersions(connection, transaction);
        if (applied.Count == 0)
        {
            foreach (var version in dialect.RecogniseUnversioned(connection, transaction))
            {
                Record(connection, transaction, migrations.Single(m => m.Version == version));
            }
        }

        var latest = migrations[^1].Version;
        if (applied.Count > 0 && applied.Max() > latest)
        {
            throw new InvalidOperationException(
                $"The state store's schema is at version {applied.Max()}, newer than this runtime knows ({latest}); run a runtime at least as new as the one that migrated it.");
        }

        transaction.Commit();
    }

    private static void Record(DbConnection connection, DbTransaction transaction, StateMigration migration) =>
        DbCommands.Execute(connection, transaction, "INSERT INTO migrations (version, name) VALUES (@version, @name)", ("version", migration.Version), ("name", migration.Name));

    private static HashSet<int> AppliedVersions(DbConnection connection, DbTransaction transaction)
    {
        using var command = DbCommands.Command(connection, transaction, "SELECT version FROM migrations");
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
