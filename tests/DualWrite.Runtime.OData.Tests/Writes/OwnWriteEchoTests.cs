using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Writes;

/// <summary>The connector's own bulk writes, answered without their rows, are recognised when the change feed reports them back.</summary>
public sealed class OwnWriteEchoTests
{
    private const int Groups = 30;

    [Fact]
    public async Task Rows_the_client_created_with_a_bulk_message_come_back_from_the_change_feed_as_no_change()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await InsertGroupsAsync(pair);

        Assert.Equal(Groups, pair.Runtime.SyncOnce().Synced);
        Assert.Contains(pair.DataverseService.Requests.Entries, e => e.Url.Contains("CreateMultiple", StringComparison.Ordinal));

        // The next pass polls Dataverse's feed, which reports every created row: each is the client's write, not an edit.
        var next = pair.Runtime.SyncOnce();

        var head = await pair.Dataverse.GetHeadAsync(CancellationToken.None);
        var filed = await pair.Dataverse.ReadChangesAsync("msdyn_customergroups", 0, head, ChangeOrigins.All, int.MaxValue, CancellationToken.None);
        Assert.Equal(Groups, filed.Count(c => c.IsFromRuntime));
        Assert.DoesNotContain(filed, c => !c.IsFromRuntime);
        Assert.Equal(0, next.Unchanged);
    }

    [Fact]
    public async Task A_created_row_someone_edited_before_the_feed_reported_it_is_filed_as_their_change()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await InsertGroupsAsync(pair);
        Assert.Equal(Groups, pair.Runtime.SyncOnce().Synced);

        // A column the client's create did not write: only the row's modifiedon tells the edit from the service's defaults.
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        var id = pair.DataverseService.Rows("msdyn_customergroups").Single(r => (string)r["msdyn_groupid"]! == FaultTests.GroupId(1))["msdyn_customergroupid"];
        await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_customergroupid", id)), Rows.Of(("statuscode", 2)));
        pair.Runtime.SyncOnce();

        var head = await pair.Dataverse.GetHeadAsync(CancellationToken.None);
        var filed = await pair.Dataverse.ReadChangesAsync("msdyn_customergroups", 0, head, ChangeOrigins.All, int.MaxValue, CancellationToken.None);
        var edit = Assert.Single(filed, c => !c.IsFromRuntime);
        Assert.Equal(ChangeOperation.Update, edit.Operation);
        Assert.Contains(FaultTests.GroupId(1), edit.Image, StringComparison.Ordinal);
    }

    // Enough new groups that the client creates them with one bulk message, whose answer carries ids, not rows.
    private static async Task InsertGroupsAsync(ConnectedPair pair)
    {
        for (var i = 1; i <= Groups; i++)
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", "Group " + i.ToString(CultureInfo.InvariantCulture))));
        }
    }
}
