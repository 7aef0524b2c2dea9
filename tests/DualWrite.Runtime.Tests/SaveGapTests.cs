using Contoso.Integration;
using DualWrite.Runtime.Engine;

namespace DualWrite.Runtime.Tests;

/// <summary>A save whose target committed and whose source then refused is never an unseen gap.</summary>
public sealed class SaveGapTests
{
    [Fact]
    public void A_save_the_source_refuses_at_commit_goes_to_the_error_list_and_retry_closes_the_gap()
    {
        using var world = new World();
        world.SeedGroup();
        var fo = new CrashingEnvironment(world.Fo, crashAtInsert: int.MaxValue) { RefuseNextCommit = true };
        using var runtime = new DualWriteRuntime(fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);

        Assert.Throws<DualWriteException>(() => runtime.Save(World.Customer("US0001", "Saved")));

        Assert.Null(world.FoCustomerOf("US0001"));
        Assert.Equal("Saved", world.AccountOf("US0001")!.name);
        var error = Assert.Single(runtime.GetErrors());
        Assert.Equal((CustomersMap.Name, Side.Dataverse), (error.Map, error.Side));

        Assert.True(runtime.Retry(error.Id));
        Assert.Equal("Saved", world.FoCustomerOf("US0001")!.OrganizationName);
        Assert.Equal(0, runtime.SyncOnce().Failed);
    }
}
