using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.OData.Tests.Support;
using FoEntities = Contoso.Integration.Fo;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>The runtime's API over HTTP: a save or delete through the runtime reaches both services, so F&amp;O deletes flow without polling.</summary>
public sealed class TightlyCoupledTests
{
    [Fact]
    public async Task Save_and_delete_through_the_runtime_reach_both_services()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var group = new FoEntities.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "80", Description = "Saved through the runtime" };

        pair.Runtime.Save(group);

        Assert.Equal("Saved through the runtime", Assert.Single(pair.FoService.Rows("CustomerGroups"))["Description"]);
        Assert.Equal("Saved through the runtime", Assert.Single(pair.DataverseService.Rows("msdyn_customergroups"))["msdyn_description"]);
        Assert.Equal(0, pair.SyncUntilQuiet().Synced);

        Assert.True(pair.Runtime.Delete(group));

        Assert.Empty(pair.FoService.Rows("CustomerGroups"));
        Assert.Empty(pair.DataverseService.Rows("msdyn_customergroups"));
        Assert.Equal(0, pair.SyncUntilQuiet().Synced);
    }

    [Fact]
    public async Task A_save_the_source_refuses_after_the_target_committed_goes_to_the_error_list_and_retry_closes_the_gap()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var group = new FoEntities.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "80", Description = "Saved through the runtime" };

        // Dataverse (the target) commits its batch; F&O (the source) then refuses its own.
        pair.FoService.Faults.Inject(Fault.FailChangesetOperation(1), times: 1, method: "POST", pathContains: "$batch");
        var refused = Assert.Throws<DualWriteException>(() => pair.Runtime.Save(group));

        Assert.Empty(pair.FoService.Rows("CustomerGroups"));
        Assert.Single(pair.DataverseService.Rows("msdyn_customergroups"));
        var error = Assert.Single(pair.Runtime.GetErrors());
        Assert.Equal(("CustomerGroups", Side.Dataverse), (error.Map, error.Side));
        Assert.Contains("refused it", error.Reason);
        Assert.Contains("error list", refused.Reason);

        Assert.True(pair.Runtime.Retry(error.Id));
        Assert.Equal("Saved through the runtime", Assert.Single(pair.FoService.Rows("CustomerGroups"))["Description"]);
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        Assert.Empty(pair.Runtime.GetErrors());
    }
}
