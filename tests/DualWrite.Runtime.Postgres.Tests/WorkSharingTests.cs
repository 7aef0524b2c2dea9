using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;
using DualWrite.Testing.Postgres;
using Npgsql;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>Two runtimes in this process, each with its own environment handles and store connection, sharing one PostgreSQL store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkSharingTests : IDisposable
{
    private const int Records = 60;

    private readonly PostgresDatabase _database;
    private readonly Environments _environments = new();
    private readonly List<IDisposable> _hosts = new();
    private readonly PostgresStateStore _state;

    public WorkSharingTests(PostgresCluster cluster)
    {
        _database = cluster.CreateDatabase();
        _state = new PostgresStateStore(_database.ConnectionString);
    }

    [PostgresFact]
    public void Two_hosts_split_the_records_and_each_change_is_applied_once()
    {
        var a = Host("a");
        var b = Host("b");
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        UntilQuiet(a, b);
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer($"US{i:0000}", $"Customer {i}", group: "30"));
        }

        var (syncedByA, syncedByB) = UntilQuiet(a, b);

        Assert.Equal(Records, syncedByA + syncedByB);
        Assert.True(syncedByA > 0 && syncedByB > 0, $"a synced {syncedByA}, b {syncedByB}");
        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM accounts"));
        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%'"));
    }

    [PostgresFact]
    public void A_dead_hosts_records_flow_through_the_survivor_once_its_leases_expire()
    {
        var a = Host("a");
        var b = Host("b");
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        UntilQuiet(a, b);

        // b stops renewing without giving its partitions back, as a killed process does; its leases then run out.
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer($"US{i:0000}", $"Customer {i}", group: "30"));
        }

        a.SyncOnce();
        Assert.InRange(_environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM accounts"), 1, Records - 1);
        Expire("b");
        UntilQuiet(a);

        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM accounts"));
        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%'"));
    }

    [PostgresFact]
    public void A_failed_change_is_retried_on_the_host_holding_its_partition_and_refused_elsewhere()
    {
        var a = Host("a");
        var b = Host("b");
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        UntilQuiet(a, b);
        _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer("US0001", "Litware", group: "77"));
        UntilQuiet(a, b);
        var error = Assert.Single(a.GetErrors());
        var partition = Partitions.Of(CustomersMap.Name, error.RecordKey, 16);
        var (owner, other) = _state.GetLeases().Single(l => l.Partition == partition).HostId == "a" ? (a, b) : (b, a);
        _environments.Dataverse.Save(CustomerGroupsMap.Definition.Dataverse, new Dataverse.Msdyn_customergroup { msdyn_groupid = "77", msdyn_company = new() { cdm_companycode = "USMF" } });

        var refused = Assert.Throws<InvalidOperationException>(() => other.Retry(error.Id));

        Assert.Contains($"is in partition {partition}, which host '", refused.Message);
        Assert.True(owner.Retry(error.Id));
        Assert.Empty(owner.GetErrors());
    }

    [PostgresFact]
    public void A_paused_map_is_staged_and_replayed_once_by_the_holder_of_partition_0_and_then_both_hosts_sync_again()
    {
        var a = Host("a");
        var b = Host("b");
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        UntilQuiet(a, b);

        a.Pause(CustomersMap.Name);
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer($"US{i:0000}", $"Customer {i}", group: "30"));
        }

        UntilQuiet(a, b);
        Assert.Equal(Records, _state.CountStaged(CustomersMap.Name));
        Assert.Equal(0, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM accounts"));
        b.Resume(CustomersMap.Name);
        UntilQuiet(a, b);
        _environments.Execute(_environments.Fo, "UPDATE CustomersV3 SET OrganizationName = OrganizationName || ' (after)'");
        UntilQuiet(a, b);

        Assert.Equal(MapState.Running, a.GetMapState(CustomersMap.Name));
        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM accounts WHERE name LIKE '% (after)'"));
        Assert.Equal(2 * Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%'"));
    }

    [PostgresFact]
    public void A_map_paused_after_live_edits_on_both_sides_stages_only_what_the_partitions_had_not_synced()
    {
        var a = Host("a");
        var b = Host("b");
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer($"US{i:0000}", $"Customer {i}", group: "30"));
        }

        UntilQuiet(a, b);
        _environments.Execute(_environments.Dataverse, "UPDATE accounts SET name = name || ' (live)'");
        UntilQuiet(a, b);

        // The partitions' cursors stand past the map's own, which the link set; what they synced is not staged again.
        a.Pause(CustomersMap.Name);
        _environments.Execute(_environments.Dataverse, "UPDATE accounts SET name = name || ' (paused)' WHERE accountnumber < 'US0010'");
        UntilQuiet(a, b);
        Assert.Equal(10, _state.CountStaged(CustomersMap.Name));
        b.Resume(CustomersMap.Name);
        UntilQuiet(a, b);

        Assert.Equal(MapState.Running, a.GetMapState(CustomersMap.Name));
        Assert.Equal(10, _environments.Scalar(_environments.Fo, "SELECT COUNT(*) FROM CustomersV3 WHERE OrganizationName LIKE '% (live) (paused)'"));
        Assert.Equal(Records + 10, _environments.Scalar(_environments.Fo, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'CustomersV3' AND origin LIKE 'dualwrite:Customers#%'"));
    }

    [PostgresFact]
    public void A_host_that_took_over_partitions_further_behind_than_its_own_stops_at_its_cap_without_moving_its_own_back()
    {
        var a = Host("a", maxChangesPerPass: 20);
        var b = Host("b", maxChangesPerPass: 20);
        a.Link(new[] { "USMF" });
        _environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        UntilQuiet(a, b);
        for (var i = 0; i < Records; i++)
        {
            _environments.Fo.Save(CustomersMap.Definition.Fo, EngineOverStoresTests.Customer($"US{i:0000}", $"Customer {i}", group: "30"));
        }

        _environments.Execute(_environments.Fo, "UPDATE CustomersV3 SET OrganizationName = OrganizationName || ' (renamed)'");

        // a syncs its partitions while b, alive, syncs none of its own; then b dies and a takes them, their cursors far
        // behind a's. a's capped passes start from b's cursors and stop before a's own.
        UntilQuiet(a);
        Expire("b");
        var takeover = a.SyncOnce();
        UntilQuiet(a);

        Assert.True(takeover.StoppedAtCap);
        Assert.Equal(Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM accounts WHERE name LIKE '% (renamed)'"));
        Assert.Equal(2 * Records, _environments.Scalar(_environments.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin LIKE 'dualwrite:Customers#%'"));
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

    private DualWriteRuntime Host(string id, int maxChangesPerPass = 5_000)
    {
        var fo = _environments.OpenFo();
        var dataverse = _environments.OpenDataverse();
        var store = new PostgresStateStore(_database.ConnectionString);
        _hosts.AddRange(new IDisposable[] { fo, dataverse, store });
        var runtime = new DualWriteRuntime(fo, dataverse, store, DualWriteMaps.All, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { MaxChangesPerPass = maxChangesPerPass }, workSharing: new WorkSharingOptions { HostId = id, LeaseDuration = TimeSpan.FromMinutes(5) });
        _hosts.Add(runtime);
        return runtime;
    }

    /// <summary>Passes of every host in turn until a round reads nothing; returns how many changes each of the first two synced.</summary>
    private static (int, int) UntilQuiet(params DualWriteRuntime[] hosts)
    {
        var synced = new int[2];
        for (var round = 0; round < 20; round++)
        {
            var read = 0;
            for (var i = 0; i < hosts.Length; i++)
            {
                var result = hosts[i].SyncOnce();
                read += result.Read;
                synced[Math.Min(i, 1)] += result.Synced;
            }

            if (read == 0)
            {
                return (synced[0], synced[1]);
            }
        }

        throw new InvalidOperationException("The hosts did not settle.");
    }

    private void Expire(string host)
    {
        using var connection = new NpgsqlConnection(_database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "UPDATE dualwrite.partition_leases SET expires_at = now() - interval '1 second' WHERE host_id = @host; UPDATE dualwrite.hosts SET expires_at = now() - interval '1 second' WHERE host_id = @host",
            connection);
        command.Parameters.AddWithValue("host", host);
        command.ExecuteNonQuery();
    }
}
