using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;
using DualWrite.Testing.Postgres;
using Npgsql;

namespace DualWrite.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PartitionLeaseTests : IDisposable
{
    private const int Count = 16;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly PostgresDatabase _database;
    private readonly PostgresStateStore _store;

    public PartitionLeaseTests(PostgresCluster cluster)
    {
        _database = cluster.CreateDatabase();
        _store = new PostgresStateStore(_database.ConnectionString);
    }

    [PostgresFact]
    public void Partitions_spread_evenly_over_the_live_hosts_as_they_join()
    {
        Assert.Equal(Count, Acquire("a").Count);

        // Each call renews the caller's leases, gives back what exceeds its share and takes free ones up to it.
        Rounds("a", "b");
        Assert.Equal(new[] { 8, 8 }, Held("a", "b"));
        Rounds("a", "b", "c");
        Assert.Equal(new[] { 6, 5, 5 }, Held("a", "b", "c"));
        Assert.All(_store.GetLeases(), l => Assert.NotNull(l.HostId));
    }

    [PostgresFact]
    public void A_dead_hosts_partitions_are_taken_over_once_its_leases_expire_and_each_takeover_raises_the_epoch()
    {
        Rounds("a", "b");
        var before = _store.GetLeases().Where(l => l.HostId == "b").ToDictionary(l => l.Partition, l => l.Epoch);

        Rounds("a");
        Assert.Equal(new[] { 8 }, Held("a"));
        Expire("b");
        Rounds("a");

        var after = _store.GetLeases();
        Assert.All(after, l => Assert.Equal("a", l.HostId));
        Assert.All(before, taken => Assert.Equal(taken.Value + 1, after.Single(l => l.Partition == taken.Key).Epoch));
    }

    [PostgresFact]
    public void A_stopping_host_gives_its_partitions_back_at_once()
    {
        Rounds("a", "b");

        _store.ReleasePartitions("b");
        Rounds("a");

        Assert.Equal(new[] { Count, 0 }, Held("a", "b"));
    }

    [PostgresFact]
    public void An_update_fenced_with_leases_that_changed_hands_stores_nothing()
    {
        var leases = Acquire("a");
        Expire("a");
        var taken = Acquire("b");
        var update = new StateUpdate();
        update.MovePartitionCursor("Customers", Side.Fo, 0, 42);
        update.Enqueue("Customers", "USMF|US0001", new ChangeRecord(42, Side.Fo, "CustomersV3", ChangeOperation.Update, "[]", "{}", null, DateTimeOffset.UnixEpoch), "reason");
        update.FenceWith("a", leases);

        var error = Assert.Throws<PartitionLeaseLostException>(() => _store.Apply(update));

        Assert.Equal(("a", 0), (error.HostId, error.Partition));
        Assert.Empty(_store.GetPartitionCursors("Customers", Side.Fo));
        Assert.Empty(_store.GetErrors());
        var owned = new StateUpdate();
        owned.MovePartitionCursor("Customers", Side.Fo, 0, 42);
        owned.FenceWith("b", taken);
        _store.Apply(owned);
        Assert.Equal(42, _store.GetPartitionCursors("Customers", Side.Fo)[0]);
    }

    [PostgresFact]
    public void Renewing_keeps_the_leases_without_rebalancing()
    {
        Rounds("a", "b");
        Expire("b");

        Assert.Equal(8, _store.RenewPartitions("b", Lease));
        Rounds("a");

        Assert.Equal(new[] { 8, 8 }, Held("a", "b"));
    }

    [PostgresFact]
    public void A_host_set_up_for_another_partition_count_is_refused()
    {
        Acquire("a");

        var error = Assert.Throws<ArgumentException>(() => _store.AcquirePartitions("b", 32, Lease));

        Assert.Contains("spreads records over 16 partitions and this host is set up for 32", error.Message);
    }

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }

    private IReadOnlyList<PartitionLease> Acquire(string host) => _store.AcquirePartitions(host, Count, Lease);

    private void Rounds(params string[] hosts)
    {
        for (var round = 0; round < 3; round++)
        {
            foreach (var host in hosts)
            {
                Acquire(host);
            }
        }
    }

    private int[] Held(params string[] hosts)
    {
        var leases = _store.GetLeases();
        return hosts.Select(h => leases.Count(l => l.HostId == h)).ToArray();
    }

    // Stands for a host that stopped renewing long enough ago, without waiting: the database's clock decides expiry.
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
