using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using DualWrite.Runtime.State.Sql;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// Partitions leased by the hosts that share the store. Balancing runs under a transaction-scoped advisory lock, so hosts
/// take turns; a lease is renewed by its host on every call, and a host that stops calling (killed, cut off) loses its
/// partitions once its leases expire, by the database's clock, so hosts' clocks need not agree.
/// </summary>
public sealed partial class PostgresStateStore : IPartitionedStateStore
{
    // "DWLEAS" in ASCII; distinct from the migrations' lock.
    private const long LeaseLockKey = 0x44_57_4C_45_41_53;

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, long> GetPartitionCursors(string map, Side side)
    {
        using var connection = Open();
        using var command = DbCommands.Command(connection, null, "SELECT partition, sequence FROM partition_cursors WHERE map = @map AND side = @side", ("map", map), ("side", side.ToString()));
        var cursors = new Dictionary<int, long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cursors[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return cursors;
    }

    /// <inheritdoc/>
    public IReadOnlyList<PartitionLease> AcquirePartitions(string hostId, int partitionCount, TimeSpan leaseDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        DbCommands.Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", LeaseLockKey));
        DbCommands.Execute(connection, transaction, "INSERT INTO partition_settings (id, partition_count) VALUES (1, @count) ON CONFLICT (id) DO NOTHING", ("count", partitionCount));
        using (var stored = DbCommands.Command(connection, transaction, "SELECT partition_count FROM partition_settings WHERE id = 1"))
        {
            var count = (int)stored.ExecuteScalar()!;
            if (count != partitionCount)
            {
                throw new ArgumentException(
                    $"The state store spreads records over {count} partitions and this host is set up for {partitionCount}; every host sharing a store must use the same count.",
                    nameof(partitionCount));
            }
        }

        DbCommands.Execute(
            connection,
            transaction,
            "INSERT INTO partition_leases (partition, host_id, epoch, expires_at) SELECT g, NULL, 0, '-infinity' FROM generate_series(0, @last) g ON CONFLICT (partition) DO NOTHING",
            ("last", partitionCount - 1));
        DbCommands.Execute(
            connection,
            transaction,
            "INSERT INTO hosts (host_id, expires_at) VALUES (@host, now() + @duration) ON CONFLICT (host_id) DO UPDATE SET expires_at = excluded.expires_at",
            ("host", hostId),
            ("duration", leaseDuration));
        DbCommands.Execute(connection, transaction, "DELETE FROM hosts WHERE expires_at < now()");
        DbCommands.Execute(connection, transaction, "UPDATE partition_leases SET expires_at = now() + @duration WHERE host_id = @host", ("host", hostId), ("duration", leaseDuration));

        var share = ShareOf(connection, transaction, hostId, partitionCount);
        var held = HeldPartitions(connection, transaction, hostId);
        if (held.Count > share)
        {
            // The highest partitions go back first, so that hosts converge on the same split whatever order they start in.
            var extra = held.Skip(share).ToArray();
            DbCommands.Execute(connection, transaction, "UPDATE partition_leases SET host_id = NULL, expires_at = '-infinity' WHERE host_id = @host AND partition = ANY(@extra)", ("host", hostId), ("extra", extra));
        }
        else if (held.Count < share)
        {
            // SKIP LOCKED passes over a partition whose last owner is storing a fenced update right now (it holds the row FOR SHARE).
            DbCommands.Execute(
                connection,
                transaction,
                "UPDATE partition_leases SET host_id = @host, epoch = epoch + 1, expires_at = now() + @duration WHERE partition IN " +
                    "(SELECT partition FROM partition_leases WHERE host_id IS NULL OR expires_at < now() ORDER BY partition LIMIT @wanted FOR UPDATE SKIP LOCKED)",
                ("host", hostId),
                ("duration", leaseDuration),
                ("wanted", share - held.Count));
        }

        var leases = ReadLeases(connection, transaction, "WHERE host_id = @host", ("host", hostId));
        transaction.Commit();
        return leases;
    }

    /// <inheritdoc/>
    public int RenewPartitions(string hostId, TimeSpan leaseDuration)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        DbCommands.Execute(connection, transaction, "UPDATE hosts SET expires_at = now() + @duration WHERE host_id = @host", ("host", hostId), ("duration", leaseDuration));
        using var command = DbCommands.Command(connection, transaction, "UPDATE partition_leases SET expires_at = now() + @duration WHERE host_id = @host", ("host", hostId), ("duration", leaseDuration));
        var renewed = command.ExecuteNonQuery();
        transaction.Commit();
        return renewed;
    }

    /// <inheritdoc/>
    public void ReleasePartitions(string hostId)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        DbCommands.Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", LeaseLockKey));
        DbCommands.Execute(connection, transaction, "UPDATE partition_leases SET host_id = NULL, expires_at = '-infinity' WHERE host_id = @host", ("host", hostId));
        DbCommands.Execute(connection, transaction, "DELETE FROM hosts WHERE host_id = @host", ("host", hostId));
        transaction.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<PartitionLease> GetLeases()
    {
        using var connection = Open();
        return ReadLeases(connection, null, string.Empty);
    }

    /// <summary>
    /// Locks the fenced partitions' lease rows (FOR SHARE, until the update commits, so none can change hands meanwhile)
    /// and checks that the host still holds each at the epoch the update was computed under.
    /// </summary>
    private static void CheckFence(DbConnection connection, DbTransaction transaction, string hostId, IReadOnlyList<PartitionLease> leases)
    {
        var partitions = leases.Select(l => l.Partition).ToArray();
        var current = new Dictionary<int, long>();
        using (var command = DbCommands.Command(connection, transaction, "SELECT partition, epoch FROM partition_leases WHERE host_id = @host AND partition = ANY(@partitions) FOR SHARE", ("host", hostId), ("partitions", partitions)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                current[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        foreach (var lease in leases)
        {
            if (!current.TryGetValue(lease.Partition, out var epoch) || epoch != lease.Epoch)
            {
                throw new PartitionLeaseLostException(hostId, lease.Partition);
            }
        }
    }

    // Live hosts in host-id order split the partitions as evenly as they divide: the first (count % hosts) take one more.
    private static int ShareOf(DbConnection connection, DbTransaction transaction, string hostId, int partitionCount)
    {
        var hosts = new List<string>();
        using (var command = DbCommands.Command(connection, transaction, "SELECT host_id FROM hosts ORDER BY host_id"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                hosts.Add(reader.GetString(0));
            }
        }

        var index = hosts.IndexOf(hostId);
        return (partitionCount / hosts.Count) + (index < partitionCount % hosts.Count ? 1 : 0);
    }

    private static List<int> HeldPartitions(DbConnection connection, DbTransaction transaction, string hostId)
    {
        using var command = DbCommands.Command(connection, transaction, "SELECT partition FROM partition_leases WHERE host_id = @host ORDER BY partition", ("host", hostId));
        using var reader = command.ExecuteReader();
        var held = new List<int>();
        while (reader.Read())
        {
            held.Add(reader.GetInt32(0));
        }

        return held;
    }

    private List<PartitionLease> ReadLeases(DbConnection connection, DbTransaction? transaction, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = DbCommands.Command(connection, transaction, $"SELECT partition, host_id, epoch, expires_at FROM partition_leases {where} ORDER BY partition", parameters);
        using var reader = command.ExecuteReader();
        var leases = new List<PartitionLease>();
        while (reader.Read())
        {
            leases.Add(new PartitionLease(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), Dialect.ReadMoment(reader, 3)));
        }

        return leases;
    }
}
