using System.Threading.Tasks;
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
}
