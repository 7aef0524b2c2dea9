using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// Two runtimes in this process share one PostgreSQL store; host a holds partition 0, so it stages and replays the paused
/// map. Between computing a staging or replay commit and storing it, a's leases run out and b takes partition 0 and
/// does the work itself; a's commit must then store nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StagingFencingTests : IDisposable
{
    private const int Records = 10;

    private readonly PostgresDatabase _database;
    private readonly Environments _environments = new();
    private readonly List<IDisposable> _hosts = new();
    private readonly PostgresStateStore _state;

    public StagingFencingTests(PostgresCluster cluster)
    {
        _database = cluster.CreateDatabase();
        _state = new PostgresStateStore(_database.ConnectionString);
    }

    [PostgresFact]
    public void A_host_that_loses_partition_0_before_committing_a_staging_chunk_stores_nothing_and_the_new_holder_stages_it_once()
    {
        DualWriteRuntime? b = null;
        var (a, store) = Interrupted("a", update => update.Staged.Count > 0, () => TakeOver("a", b!));
        b = Host("b");
        LinkAndSplit(a, b);
        a.Pause(CustomersMap.Name);
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer(Account(i), Name(i, 0), group: "30"));
        }

        var result = a.SyncOnce();

        Assert.True(store.Interrupted);
        Assert.Equal(1, store.Refused);
        Assert.Equal(0, result.Staged);
        var staged = _state.FindStaged(CustomersMap.Name, Side.Fo, 0, long.MaxValue);
        Assert.Equal(Records, staged.Count);
        Assert.Equal(Records, staged.Select(s => s.Change.Sequence).Distinct().Count());
        Assert.Equal(_environments.Fo.GetHead(), _state.GetCursor(CustomersMap.Name, Side.Fo));

        b.Resume(CustomersMap.Name);
        UntilQuiet(a, b);
        Assert.Equal(MapState.Running, b.GetMapState(CustomersMap.Name));
        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%'"));
    }

    [PostgresFact]
    public void A_host_that_loses_partition_0_before_committing_a_replay_chunk_stores_nothing_and_each_change_is_applied_once_in_order()
    {
        DualWriteRuntime? b = null;
        var (a, store) = Interrupted("a", update => update.Unstaged.Count > 0, () => TakeOver("a", b!));
        b = Host("b");
        LinkAndSplit(a, b);
        a.Pause(CustomersMap.Name);
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer(Account(i), Name(i, 0), group: "30"));
        }

        for (var version = 1; version <= 2; version++)
        {
            _environments.Execute(_environments.Fo, $"UPDATE CustomersV3 SET OrganizationName = CustomerAccount || ' v{version}'");
        }

        UntilQuiet(a, b);
        Assert.Equal(3 * Records, _state.CountStaged(CustomersMap.Name));
        a.Resume(CustomersMap.Name);

        // a applies a chunk and commits Dataverse; before its state update lands, b takes partition 0 and replays it all.
        var result = a.SyncOnce();

        Assert.True(store.Interrupted);
        Assert.Equal(1, store.Refused);
        Assert.Equal((0, 0), (result.Replayed, result.Synced));
        Assert.Equal(MapState.Running, _state.GetMapState(CustomersMap.Name));
        Assert.Equal(0, _state.CountStaged(CustomersMap.Name));
        Assert.Empty(_state.GetErrors());
        for (var i = 0; i < Records; i++)
        {
            Assert.Equal(new[] { 0, 1, 2 }, AppliedVersions(Account(i)));
        }

        UntilQuiet(a, b);
        Assert.Equal(3 * Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%'"));
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _state.Dispose();
        _environments.Dispose();
        _database.Dispose();
    }

    private static string Account(int record) => $"US{record + 1:0000}";

    private static string Name(int record, int version) => $"{Account(record)} v{version}";

    private DualWriteRuntime Host(string id) => Runtime(id, new PostgresStateStore(_database.ConnectionString));

    private (DualWriteRuntime Runtime, StoreInterruptedOnApply Store) Interrupted(string id, Func<StateUpdate, bool> when, Action interrupt)
    {
        var inner = new PostgresStateStore(_database.ConnectionString);
        var store = new StoreInterruptedOnApply(inner, when, interrupt);
        var runtime = Runtime(id, store);
        _hosts.Add(inner);
        return (runtime, store);
    }

    private DualWriteRuntime Runtime(string id, IStateStore store)
    {
        var fo = _environments.OpenFo();
        var dataverse = _environments.OpenDataverse();
        _hosts.AddRange(new IDisposable[] { fo, dataverse, store });
        var options = new DualWriteRuntimeOptions { StagingChunkSize = 1_000, ReplayChunkSize = 7 };
        var runtime = new DualWriteRuntime(fo, dataverse, store, DualWriteMaps.All, DualWriteMaps.NumberSequences, options: options, workSharing: new WorkSharingOptions { HostId = id, LeaseDuration = TimeSpan.FromMinutes(5) });
        _hosts.Add(runtime);
        return runtime;
    }

    /// <summary>Links, syncs a customer group, and lets both hosts settle on 8 partitions each, a holding 0 to 7.</summary>
    private void LinkAndSplit(DualWriteRuntime a, DualWriteRuntime b)
    {
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        UntilQuiet(a, b);
        UntilQuiet(a, b);
        Assert.Equal(Enumerable.Range(0, 8), _state.GetLeases().Where(l => l.HostId == "a").Select(l => l.Partition));
    }

    /// <summary>Host <paramref name="stalled"/> stopped renewing long enough ago (the database's clock decides), and <paramref name="next"/> runs a pass: it takes every partition.</summary>
    private void TakeOver(string stalled, DualWriteRuntime next)
    {
        using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand(
                "UPDATE dualwrite.partition_leases SET expires_at = now() - interval '1 second' WHERE host_id = @host; UPDATE dualwrite.hosts SET expires_at = now() - interval '1 second' WHERE host_id = @host",
                connection);
            command.Parameters.AddWithValue("host", stalled);
            command.ExecuteNonQuery();
        }

        next.SyncOnce();
        Assert.Equal(16, _state.GetLeases().Count(l => l.HostId != stalled));
    }

    private static void UntilQuiet(params DualWriteRuntime[] hosts)
    {
        for (var round = 0; round < 20; round++)
        {
            if (hosts.Sum(h => h.SyncOnce().Read) == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The hosts did not settle.");
    }

    /// <summary>The versions of a customer's name the runtime wrote to Dataverse, in change-log order.</summary>
    private List<int> AppliedVersions(string account)
    {
        using var connection = new SqliteConnection(_environments.Dataverse.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT image FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%' AND json_extract(image, '$.accountnumber') = $account ORDER BY sequence";
        command.Parameters.AddWithValue("$account", account);
        var versions = new List<int>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("name").GetString()!;
            versions.Add(int.Parse(name[(name.LastIndexOf('v') + 1)..], CultureInfo.InvariantCulture));
        }

        return versions;
    }
}
