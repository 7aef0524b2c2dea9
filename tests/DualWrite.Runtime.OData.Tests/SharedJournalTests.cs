using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.OData.Tests.Support;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// Two hosts, each with its own connectors, keeping their journals in one state store: polling the same feeds at the
/// same time, they journal every change once, in one dense sequence per side, and recognise each other's writes.
/// </summary>
public sealed class SharedJournalTests : IClassFixture<PostgresCluster>
{
    private const int Rounds = 5;
    private const int RowsPerRound = 4;

    private readonly PostgresCluster _cluster;

    public SharedJournalTests(PostgresCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public Task Two_hosts_over_one_sqlite_store_journal_each_change_once() =>
        TwoHostsAsync(pair => new SqliteStateStore(System.IO.Path.Combine(pair.Folder, "shared-state.db")));

    [PostgresFact]
    public async Task Two_hosts_over_one_postgres_store_journal_each_change_once()
    {
        using var database = _cluster.CreateDatabase();
        await TwoHostsAsync(_ => new PostgresStateStore(database.ConnectionString));
    }

    [Fact]
    public Task A_read_filed_by_another_host_meanwhile_is_not_filed_again_over_sqlite() =>
        StaleReadAsync(pair => new SqliteStateStore(System.IO.Path.Combine(pair.Folder, "shared-state.db")));

    [PostgresFact]
    public async Task A_read_filed_by_another_host_meanwhile_is_not_filed_again_over_postgres()
    {
        using var database = _cluster.CreateDatabase();
        await StaleReadAsync(_ => new PostgresStateStore(database.ConnectionString));
    }

    // Host B reads a page, host A files that page and a later edit, then B's read arrives: filing it would put the row's
    // older image after the newer one.
    private static async Task StaleReadAsync(Func<ConnectedPair, DbStateStore> openStore)
    {
        var token = CancellationToken.None;
        await using var pair = await ConnectedPair.StartAsync();
        using var store = openStore(pair);
        using var foA = FoEnvironment.Open(Shared(pair.FoOptions(), store));
        using var foB = FoEnvironment.Open(Shared(pair.FoOptions(), store));
        await foA.GetHeadAsync(token);

        await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "10"), ("Description", "first")));
        var table = foB.Schema.GetTable("CustomerGroups");
        var staleRead = new Journal.FeedRead(foB, table, await foB.Journal.FeedPositionAsync(table.Name, token));
        await foB.PollAsync(staleRead, token);

        Assert.Equal(1, await foA.GetHeadAsync(token));
        await pair.FoService.UpdateAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "10")), Rows.Of(("Description", "second")));
        Assert.Equal(2, await foA.GetHeadAsync(token));

        Assert.Equal(0, await foB.Journal.FileAsync(staleRead, moveFeed: true, token));
        var changes = await foB.ReadChangesAsync("CustomerGroups", 0, long.MaxValue, ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(new[] { ChangeOperation.Insert, ChangeOperation.Update }, changes.Select(c => c.Operation));
    }

    private static async Task TwoHostsAsync(Func<ConnectedPair, DbStateStore> openStore)
    {
        var token = CancellationToken.None;
        await using var pair = await ConnectedPair.StartAsync();
        using var store = openStore(pair);
        using var foA = FoEnvironment.Open(Shared(pair.FoOptions(), store));
        using var foB = FoEnvironment.Open(Shared(pair.FoOptions(), store));
        using var dataverseA = DataverseEnvironment.Open(Shared(pair.DataverseOptions(), store));
        using var dataverseB = DataverseEnvironment.Open(Shared(pair.DataverseOptions(), store));
        ODataEnvironment[] hosts = [foA, foB, dataverseA, dataverseB];

        // The first polls read the state the link starts from: no changes.
        await PollTogetherAsync(hosts, token);
        Assert.Equal(0, await foA.GetHeadAsync(token));
        Assert.Equal(0, await dataverseB.GetHeadAsync(token));

        var usmf = FaultTests.CompanyId(pair, "USMF");
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < RowsPerRound; i++)
            {
                var id = $"{round}{i}";
                await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "F" + id), ("Description", "F&O " + id)));
                await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", "D" + id), ("msdyn_description", "Dataverse " + id), ("_msdyn_company_value", usmf)));
            }

            await PollTogetherAsync(hosts, token);
        }

        // Host A writes a row; both hosts read it back from the service, and neither files it as a change of the service.
        var map = CustomerGroupsMap.Definition;
        using (var transaction = await foA.BeginTransactionAsync("dualwrite:test", token))
        {
            await transaction.InsertAsync(map.Fo, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "OWN", Description = "written by host A" }, token);
            await transaction.CommitAsync(token);
        }

        await PollTogetherAsync(hosts, token);

        var foChanges = await AssertDenseAndSharedAsync(foA, foB, "CustomerGroups", token);
        Assert.Equal(Rounds * RowsPerRound + 1, foChanges.Count);
        Assert.Equal(foChanges.Count, foChanges.Select(c => c.RowKey).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("dualwrite:test", Assert.Single(foChanges, c => c.Origin is not null).Origin);

        var dataverseChanges = await AssertDenseAndSharedAsync(dataverseB, dataverseA, "msdyn_customergroups", token);
        Assert.Equal(Rounds * RowsPerRound, dataverseChanges.Count);
        Assert.Equal(dataverseChanges.Count, dataverseChanges.Select(c => c.RowKey).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(dataverseChanges, c => Assert.Equal(ChangeOperation.Insert, c.Operation));
    }

    private static T Shared<T>(T options, DbStateStore store)
        where T : ODataConnectorOptions
    {
        options.JournalPath = null;
        options.JournalStore = store;
        return options;
    }

    // Each host polls twice at once with the other: the polls race for every feed page.
    private static Task PollTogetherAsync(IEnumerable<ODataEnvironment> hosts, CancellationToken token) =>
        Task.WhenAll(hosts.SelectMany(host => new[] { Task.Run(() => host.GetHeadAsync(token).AsTask(), token), Task.Run(() => host.GetHeadAsync(token).AsTask(), token) }));

    // Both hosts see one head; the side's changes are numbered 1..head with no gap and no repeat, and only this set changed.
    private static async Task<IReadOnlyList<ChangeRecord>> AssertDenseAndSharedAsync(ODataEnvironment reader, ODataEnvironment other, string entitySet, CancellationToken token)
    {
        var head = await reader.GetHeadAsync(token);
        Assert.Equal(head, await other.GetHeadAsync(token));
        var changes = await reader.ReadChangesAsync(entitySet, 0, head, ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), changes.Select(c => c.Sequence));
        return changes;
    }
}
