using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Writes;

/// <summary>
/// The client's bulk creates come back from Dataverse's change feed (<c>CreateMultiple</c> answers with ids, not rows). A
/// created row is the client's own write only when the create wrote every column the maps read from the table and the
/// row holds exactly the written values there; any other version of it is a change. The Dataverse service's clock
/// stands still, so every edit below carries its row's <c>createdon</c> as <c>modifiedon</c>: what an edit made in the
/// second of the create looks like through the Web API, whose times stop at the second.
/// </summary>
public sealed class OwnCreateEchoTests
{
    private const int Groups = 30;
    private const string Set = "msdyn_customergroups";

    [Fact]
    public async Task Rows_created_in_bulk_that_come_back_as_written_are_no_change_and_cost_fo_no_request()
    {
        await using var pair = await StartAsync();
        await InsertGroupsAsync(pair);
        CreateInBulk(pair);
        pair.FoService.Requests.Clear();

        var next = pair.Runtime.SyncOnce();

        // Nothing was materialized, looked up or applied: the pass met the client's own writes only.
        Assert.Equal(0, next.Synced + next.Unchanged + next.Failed);
        Assert.Empty(await OrdinaryChangesAsync(pair));
        Assert.Empty(FoRequestsBeyondPolls(pair));
    }

    [Theory]
    [InlineData(0, "Edited in Dataverse")] // a column the create wrote
    [InlineData(1, "Described in Dataverse")] // group 1 has no description: a column the create left out
    public async Task An_edit_in_the_second_of_the_create_to_a_column_the_map_reads_reaches_fo(int withoutDescription, string description)
    {
        await using var pair = await StartAsync();
        await InsertGroupsAsync(pair, withoutDescription);
        CreateInBulk(pair);
        var edited = await EditAsync(pair, 1, "msdyn_description", description);
        Assert.Equal(edited["createdon"], edited["modifiedon"]);

        var next = pair.Runtime.SyncOnce();

        Assert.Equal(1, next.Synced);
        Assert.Equal(description, FoDescription(pair, 1));
        Assert.Equal(FaultTests.GroupId(1), Assert.Single(await OrdinaryChangesAsync(pair)));
    }

    [Fact]
    public async Task A_create_that_left_out_a_column_the_map_reads_is_not_taken_for_the_clients_write()
    {
        // Group 1 has no description: the create sends no msdyn_description, which the map reads, so what the row holds
        // there is not known from the create, and the row the feed reports is a change like any other.
        await using var pair = await StartAsync();
        await InsertGroupsAsync(pair, withoutDescription: 1);
        CreateInBulk(pair);

        var next = pair.Runtime.SyncOnce();

        Assert.Equal(0, next.Failed);
        Assert.Equal(FaultTests.GroupId(1), Assert.Single(await OrdinaryChangesAsync(pair)));
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
    }

    [Fact]
    public async Task An_edit_in_the_second_of_the_create_to_a_column_no_map_reads_is_no_change()
    {
        await using var pair = await StartAsync();
        await InsertGroupsAsync(pair);
        CreateInBulk(pair);
        await EditAsync(pair, 1, "statuscode", 2L);
        pair.FoService.Requests.Clear();

        var next = pair.Runtime.SyncOnce();

        Assert.Equal(0, next.Synced + next.Unchanged + next.Failed);
        Assert.Empty(await OrdinaryChangesAsync(pair));
        Assert.Empty(FoRequestsBeyondPolls(pair));
        Assert.Equal("Group 1", FoDescription(pair, 1));
    }

    private static Task<ConnectedPair> StartAsync() => ConnectedPair.StartAsync(dataverseClock: new VirtualClock());

    private static async Task InsertGroupsAsync(ConnectedPair pair, int withoutDescription = 0)
    {
        for (var i = 1; i <= Groups; i++)
        {
            var description = i == withoutDescription ? null : "Group " + i.ToString(CultureInfo.InvariantCulture);
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", description)));
        }
    }

    // Enough new groups that the client creates them with bulk messages, whose answers carry ids, not rows. Dataverse's
    // feed is not read again until the next pass.
    private static void CreateInBulk(ConnectedPair pair)
    {
        Assert.Equal(Groups, pair.Runtime.SyncOnce().Synced);
        Assert.Contains(pair.DataverseService.Requests.Entries, e => e.Url.Contains("CreateMultiple", StringComparison.Ordinal));
    }

    // A user's edit in Dataverse before the client polls its feed again.
    private static Task<ServiceRow> EditAsync(ConnectedPair pair, int group, string column, object value) =>
        pair.DataverseService.UpdateAsync(Set, Rows.Of(("msdyn_groupid", FaultTests.GroupId(group)), ("_msdyn_company_value", FaultTests.CompanyId(pair, "USMF"))), Rows.Of((column, value)));

    private static async Task<IReadOnlyList<ChangeRecord>> ChangesAsync(ConnectedPair pair)
    {
        var head = await pair.Dataverse.GetHeadAsync(CancellationToken.None);
        return await pair.Dataverse.ReadChangesAsync(Set, 0, head, ChangeOrigins.All, int.MaxValue, CancellationToken.None);
    }

    // The groups whose rows the journal filed as someone's change, not the client's write.
    private static async Task<IReadOnlyList<string>> OrdinaryChangesAsync(ConnectedPair pair) =>
        (await ChangesAsync(pair)).Where(c => !c.IsFromRuntime).Select(c => (string)System.Text.Json.JsonDocument.Parse(c.Image).RootElement.GetProperty("msdyn_groupid").GetString()!).ToList();

    // What the pass asked of F&O besides reading its feed: finds by key (alone or in a $batch) and writes.
    private static IReadOnlyList<RequestLogEntry> FoRequestsBeyondPolls(ConnectedPair pair) =>
        pair.FoService.Requests.Entries
            .Where(e => e.Method != "GET" || Uri.UnescapeDataString(e.Url).Contains("CustomerGroupId eq", StringComparison.Ordinal))
            .ToList();

    private static string? FoDescription(ConnectedPair pair, int group) =>
        (string?)pair.FoService.Find("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(group))))!["Description"];
}
