using System;
using Contoso.Integration.Host;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Hosting.Tests;

/// <summary>The sample shared host's status loop reports a state store that cannot be reached instead of dying with it.</summary>
public sealed class SampleStatusLoopTests
{
    [Fact]
    public void An_unreachable_postgres_state_store_is_reported_and_asked_again_next_time()
    {
        var reachable = false;
        string Read() => LeaseReport.Describe(() =>
        {
            if (!reachable)
            {
                // What GetLeases throws once PostgreSQL has stopped: a refused connection.
                using var store = new PostgresStateStore("Host=127.0.0.1;Port=1;Database=state;Timeout=2");
                _ = ((IPartitionedStateStore)store).GetLeases();
            }

            return new[] { 0, 3 };
        });

        var down = Read();
        reachable = true;
        var back = Read();

        Assert.StartsWith("state store unreachable (", down, StringComparison.Ordinal);
        Assert.EndsWith("the host keeps retrying", down, StringComparison.Ordinal);
        Assert.Equal("partitions 0, 3 (2)", back);
    }
}
