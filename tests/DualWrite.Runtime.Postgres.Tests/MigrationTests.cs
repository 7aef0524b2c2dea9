using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;
using Npgsql;

namespace DualWrite.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests
{
    private readonly PostgresCluster _cluster;

    public MigrationTests(PostgresCluster cluster) => _cluster = cluster;

    [PostgresFact]
    public void Hosts_opening_a_new_store_at_once_apply_each_migration_once()
    {
        using var database = _cluster.CreateDatabase();

        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, _ => new PostgresStateStore(database.ConnectionString).Dispose());
        new PostgresStateStore(database.ConnectionString).Dispose();

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Query(database, "SELECT version FROM dualwrite.migrations ORDER BY version").Select(Convert.ToInt32));
    }

    [PostgresFact]
    public void A_store_migrated_by_a_newer_runtime_is_refused_with_the_versions()
    {
        using var database = _cluster.CreateDatabase();
        new PostgresStateStore(database.ConnectionString).Dispose();
        Query(database, "INSERT INTO dualwrite.migrations (version, name) VALUES (99, 'from the future')");

        var error = Assert.Throws<InvalidOperationException>(() => new PostgresStateStore(database.ConnectionString));

        Assert.Contains("version 99, newer than this runtime knows (9)", error.Message);
    }

    [PostgresFact]
    public void A_store_at_an_older_version_keeps_its_history_and_rows_and_gains_the_later_steps()
    {
        using var database = _cluster.CreateDatabase();
        Query(database, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "postgres-store-version-2.sql")));

        using (var store = new PostgresStateStore(database.ConnectionString))
        {
            Assert.Equal("fo-contoso", store.GetLink()!.FoEnvironmentId);
            Assert.Equal(new[] { new CursorMove("Customers", Side.Fo, 12), new CursorMove("Customers", Side.Dataverse, 4) }, store.GetCursors());
            var error = Assert.Single(store.GetErrors());
            Assert.Equal(("Dataverse refused the row", 1), (error.Reason, error.Attempts));
            Assert.Empty(store.GetLeases());
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Query(database, "SELECT version FROM dualwrite.migrations ORDER BY version").Select(Convert.ToInt32));
        Assert.Equal(
            new object[] { "link, map states, cursors, record queues", "initial-sync runs, checkpoints and errors" },
            Query(database, "SELECT name FROM dualwrite.migrations WHERE version <= 2 ORDER BY version"));
    }

    private static object[] Query(PostgresDatabase database, string sql)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new System.Collections.Generic.List<object>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(0));
        }

        return values.ToArray();
    }
}
