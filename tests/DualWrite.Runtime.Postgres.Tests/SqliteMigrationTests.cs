using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// SQLite stores made before the store recorded schema versions open in place, with everything in them; a store a newer
/// runtime migrated is refused.
/// </summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-migration-tests", Guid.NewGuid().ToString("N"));

    public SqliteMigrationTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void A_store_made_before_versions_opens_with_its_link_cursors_error_list_staging_and_initial_sync()
    {
        var path = Build("legacy-sqlite-store.sql");

        using var store = new SqliteStateStore(path);

        var link = store.GetLink()!;
        Assert.Equal(("fo-contoso", "dv-contoso"), (link.FoEnvironmentId, link.DataverseEnvironmentId));
        Assert.Equal(new[] { "USMF", "DEMF" }, link.Companies);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), link.LinkedAt);
        Assert.Equal(MapState.Paused, store.GetMapState("Customers"));
        Assert.Equal(
            new[] { new CursorMove("Customers", Side.Fo, 41), new CursorMove("Customers", Side.Dataverse, 17), new CursorMove("Vendors", Side.Fo, 5) },
            store.GetCursors());

        var error = Assert.Single(store.GetErrors());
        Assert.Equal(("USMF|C-1", "The name is too long for Dataverse", SyncErrorKind.Value), (error.RecordKey, error.Reason, error.Kind));
        Assert.Equal((3, 1), (error.Attempts, error.WaitingChanges));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 30, 30, TimeSpan.Zero), error.FirstFailedAt);
        Assert.Equal(new long[] { 39, 40 }, store.GetRecordQueue("Customers", "USMF|C-1").Select(p => p.Change.Sequence));
        Assert.Equal("dataverse", store.GetRecordQueue("Customers", "USMF|C-1")[1].Change.Origin);

        var staged = store.ReadStaged("Customers", 10);
        Assert.Equal(new[] { Side.Fo, Side.Dataverse }, staged.Select(s => s.Change.Side));
        Assert.All(staged, s => Assert.True(s.OtherSideStaged));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 1, 0, TimeSpan.Zero), staged[1].Change.ChangedAt);

        var run = Assert.Single(store.GetRuns());
        Assert.Equal(("run-1", InitialSyncRunStatus.CompletedWithErrors), (run.Id, run.Status));
        var initialSyncError = Assert.Single(store.GetErrors("run-1"));
        Assert.Equal(("Missing lookup", false), (initialSyncError.Reason, initialSyncError.Skipped));
        Assert.Equal(new IntegrationKey("USMF", ["C-9"]), store.GetErrorKey(initialSyncError.Id));

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Versions(path));
    }

    [Fact]
    public void A_store_at_version_4_keeps_its_map_states_and_gains_stop_reasons()
    {
        var path = Build("legacy-sqlite-store.sql");
        var stopped = new MapStopReason("host preflight: Dataverse: The column name of accounts is gone", new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero));

        using (var store = new SqliteStateStore(path))
        {
            Assert.Equal(MapState.Paused, store.GetMapState("Customers"));
            Assert.Null(store.GetStopReason("Customers"));
            store.SetMapState("Customers", MapState.Stopped);
            store.SetStopReason("Customers", stopped);
        }

        using var reopened = new SqliteStateStore(path);
        Assert.Equal((MapState.Stopped, stopped), (reopened.GetMapState("Customers"), reopened.GetStopReason("Customers")));
        Assert.Equal(new[] { new CursorMove("Customers", Side.Fo, 41), new CursorMove("Customers", Side.Dataverse, 17), new CursorMove("Vendors", Side.Fo, 5) }, reopened.GetCursors());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Versions(path));
    }

    [Fact]
    public void A_store_of_the_first_release_gains_the_later_tables_and_counts_its_failure_as_one_attempt()
    {
        var path = Build("first-sqlite-store.sql");

        using var store = new SqliteStateStore(path);

        Assert.Equal(new[] { new CursorMove("Customers", Side.Fo, 7) }, store.GetCursors());
        var error = Assert.Single(store.GetErrors());
        Assert.Equal(("Dataverse refused the row", SyncErrorKind.Value, 1), (error.Reason, error.Kind, error.Attempts));
        Assert.Equal(error.FailedAt, error.FirstFailedAt);
        Assert.Equal(0, store.CountStaged("Customers"));
        Assert.Empty(store.GetRuns());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Versions(path));

        var update = new StateUpdate();
        update.Stage("Customers", "USMF|C-2", new ChangeRecord(8, Side.Fo, "CustomersV3", ChangeOperation.Insert, "USMF|C-2", "{}", null, DateTimeOffset.UtcNow));
        store.Apply(update);
        Assert.Equal(1, store.CountStaged("Customers"));
    }

    [Fact]
    public void A_new_store_records_every_version_and_opening_it_again_applies_none()
    {
        var path = Path.Combine(_folder, "new.db");
        new SqliteStateStore(path).Dispose();
        new SqliteStateStore(path).Dispose();

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Versions(path));
    }

    [Fact]
    public void A_store_migrated_by_a_newer_runtime_is_refused_with_the_versions()
    {
        var path = Path.Combine(_folder, "future.db");
        new SqliteStateStore(path).Dispose();
        Execute(path, "INSERT INTO migrations (version, name) VALUES (99, 'from the future')");

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteStateStore(path));

        Assert.Contains("version 99, newer than this runtime knows (9)", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // A store file made by running a test data script, as the old runtime would have left it.
    private string Build(string script)
    {
        var path = Path.Combine(_folder, Path.ChangeExtension(script, ".db"));
        Execute(path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", script)));
        return path;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<long> Versions(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM migrations ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }
}
