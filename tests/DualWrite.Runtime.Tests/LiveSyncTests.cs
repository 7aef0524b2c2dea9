using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

public sealed class LiveSyncTests
{
    [Fact]
    public void A_save_commits_on_both_sides_and_the_feed_does_not_sync_it_again()
    {
        using var world = new World();
        world.SeedGroup();

        world.Runtime.Save(World.Customer("US0001", "Litware"));

        Assert.Equal("Litware", world.FoCustomerOf("US0001")!.OrganizationName);
        Assert.Equal("Litware", world.AccountOf("US0001")!.name);
        var pass = world.Runtime.SyncOnce();
        Assert.Equal((0, 0), (pass.Synced, pass.Unchanged));
    }

    [Fact]
    public void A_failed_target_write_fails_the_save_and_neither_side_changes()
    {
        using var world = new World();
        world.SeedGroup();
        var foHead = world.Fo.GetHead();
        var dataverseHead = world.Dataverse.GetHead();

        var error = Assert.Throws<DualWriteException>(() => world.Runtime.Save(World.Customer("US0001", "Litware", group: "77")));

        Assert.Equal("Customers", error.Map);
        Assert.Equal("USMF|US0001", error.RecordKey);
        Assert.Contains("no msdyn_customergroups row with msdyn_groupid = '77'", error.Reason);
        Assert.Null(world.FoCustomerOf("US0001"));
        Assert.Null(world.AccountOf("US0001"));
        Assert.Equal((foHead, dataverseHead), (world.Fo.GetHead(), world.Dataverse.GetHead()));
    }

    [Fact]
    public void A_value_map_miss_fails_the_save_with_the_transforms_reason()
    {
        using var world = new World();
        world.SeedGroup();
        var account = World.NewAccount("US5001", "Fabrikam");
        account.msdyn_onholdstatus = 999;

        var error = Assert.Throws<DualWriteException>(() => world.Runtime.Save(account));

        Assert.Contains("Value map 'OnHoldStatusCodes' has no entry towards F&O for '999'", error.Message);
        Assert.Null(world.AccountOf("US5001"));
        Assert.Null(world.FoCustomerOf("US5001"));
    }

    [Fact]
    public void A_Dataverse_save_binds_lookups_and_writes_FO()
    {
        using var world = new World();
        world.SeedGroup();

        world.Runtime.Save(World.NewAccount("US5001", "Fabrikam"));

        Assert.Equal("30", world.FoCustomerOf("US5001")!.CustomerGroupId);
        Assert.Equal("30", world.AccountOf("US5001")!.msdyn_customergroupid!.msdyn_groupid);
    }

    [Fact]
    public void A_new_record_numbered_in_the_other_sides_range_is_refused()
    {
        using var world = new World();
        world.SeedGroup();

        var onFo = Assert.Throws<DualWriteException>(() => world.Runtime.Save(World.Customer("US6000", "Wrong range")));
        var onDataverse = Assert.Throws<DualWriteException>(() => world.Runtime.Save(World.NewAccount("US0002", "Wrong range")));

        Assert.Contains("lies in Dataverse's number range \"US5000\"..\"US9999\" (number sequence 'CustomerAccounts')", onFo.Reason);
        Assert.Contains("lies in F&O's number range \"US0001\"..\"US4999\"", onDataverse.Reason);
        Assert.Null(world.FoCustomerOf("US6000"));
        Assert.Null(world.AccountOf("US0002"));
    }

    [Fact]
    public void A_delete_deletes_on_both_sides()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Litware"));

        Assert.True(world.Runtime.Delete(new Fo.CustomerV3 { dataAreaId = "USMF", CustomerAccount = "US0001" }));

        Assert.Null(world.FoCustomerOf("US0001"));
        Assert.Null(world.AccountOf("US0001"));
        Assert.False(world.Runtime.Delete(new Fo.CustomerV3 { dataAreaId = "USMF", CustomerAccount = "US0001" }));
    }

    [Fact]
    public void A_live_save_supersedes_older_changes_still_in_the_change_logs()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Stale F&O edit'");
        world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Stale Dataverse edit'");

        world.Runtime.Save(World.Customer("US0001", "Saved live"));
        world.SyncUntilQuiet();

        Assert.Equal("Saved live", world.FoCustomerOf("US0001")!.OrganizationName);
        Assert.Equal("Saved live", world.AccountOf("US0001")!.name);
    }

    [Fact]
    public void A_save_on_a_paused_map_commits_on_its_side_and_flows_on_resume()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Pause(CustomersMap.Name);

        world.Runtime.Save(World.Customer("US0001", "Litware"));
        Assert.Null(world.AccountOf("US0001"));

        world.Runtime.Resume(CustomersMap.Name);
        world.Runtime.SyncOnce();
        Assert.Equal("Litware", world.AccountOf("US0001")!.name);
    }

    [Fact]
    public void A_source_value_too_long_for_its_column_is_refused_before_anything_is_written()
    {
        using var world = new World();
        world.SeedGroup();

        Assert.Throws<EnvironmentWriteException>(() => world.Runtime.Save(World.Customer("US0001", new string('x', 101))));

        Assert.Null(world.FoCustomerOf("US0001"));
        Assert.Empty(world.Dataverse.Query(World.Account));
    }
}
