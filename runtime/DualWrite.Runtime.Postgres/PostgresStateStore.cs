using System.Data.Common;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// The state store in a PostgreSQL database (tables in the <c>dualwrite</c> schema, created and migrated on open), which
/// several hosts can share: see <see cref="State.WorkSharing.IPartitionedStateStore"/>.
/// </summary>
public sealed partial class PostgresStateStore : DbStateStore
{
    /// <summary>Opens the store in the database of <paramref name="connectionString"/> (an Npgsql connection string), migrating its schema.</summary>
    public PostgresStateStore(string connectionString)
        : base(PostgresDialect.Instance, PostgresDialect.DataSource(connectionString))
    {
    }

    /// <summary>Opens the store a <c>postgres://user:password@host:port/database</c> URL names.</summary>
    public static PostgresStateStore FromUrl(string url) => new(PostgresUrl.ToConnectionString(url));

    /// <inheritdoc/>
    /// <remarks>
    /// With several hosts the cursors move per partition; a (map, side) cursor then stands at the least of its partitions'
    /// (a partition not yet read counting at the link's position), the last change every host has dealt with.
    /// </remarks>
    private protected override string CursorsQuery =>
        "SELECT c.map, c.side, CASE WHEN (SELECT count(*) FROM partition_cursors p WHERE p.map = c.map AND p.side = c.side) = " +
            "(SELECT partition_count FROM partition_settings WHERE id = 1) " +
            "THEN (SELECT min(p.sequence) FROM partition_cursors p WHERE p.map = c.map AND p.side = c.side) " +
            "ELSE LEAST(c.sequence, (SELECT min(p.sequence) FROM partition_cursors p WHERE p.map = c.map AND p.side = c.side)) END " +
            "FROM cursors c ORDER BY c.position";

    /// <inheritdoc/>
    /// <exception cref="State.WorkSharing.PartitionLeaseLostException">The update is fenced and a partition changed hands; nothing is stored.</exception>
    private protected override void ApplyWorkSharing(DbConnection connection, DbTransaction transaction, StateUpdate update)
    {
        if (update.Fence is { } fence)
        {
            CheckFence(connection, transaction, fence.HostId, fence.Leases);
        }

        foreach (var cursor in update.PartitionCursors)
        {
            DbCommands.Execute(
                connection,
                transaction,
                "INSERT INTO partition_cursors (map, side, partition, sequence) VALUES (@map, @side, @partition, @sequence) " +
                    "ON CONFLICT (map, side, partition) DO UPDATE SET sequence = excluded.sequence",
                ("map", cursor.Map),
                ("side", cursor.Side.ToString()),
                ("partition", cursor.Partition),
                ("sequence", cursor.Sequence));
        }
    }

    /// <inheritdoc/>
    private protected override void ResetWorkSharing(DbConnection connection, DbTransaction transaction) =>
        DbCommands.Execute(connection, transaction, "DELETE FROM partition_cursors");
}
