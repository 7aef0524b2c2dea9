using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using Dataverse = Contoso.Integration.Dataverse;

namespace DualWrite.Runtime.Tests;

public sealed class ErrorListTests
{
    [Fact]
    public void A_failed_change_heads_its_records_queue_later_changes_wait_and_other_records_flow()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Fabrikam"));

        var first = world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Inc' WHERE CustomerAccount = 'US0001'");
        var second = world.Runtime.SyncOnce();

        Assert.Equal((1, 1), (first.Failed, first.Synced));
        Assert.Equal(1, second.Queued);
        Assert.Equal("Fabrikam", world.AccountOf("US0002")!.name);
        Assert.Null(world.AccountOf("US0001"));
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(("Customers", "USMF|US0001", Side.Fo, ChangeOperation.Insert, 1), (error.Map, error.RecordKey, error.Side, error.Operation, error.WaitingChanges));
        Assert.Contains("\"CustomerGroupId\":\"77\"", error.Payload);
        Assert.Contains("no msdyn_customergroups row with msdyn_groupid = '77'", error.Reason);

        // Once the lookup target exists the change goes through, and the one waiting behind it follows.
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_groupid = "77", msdyn_company = new() { cdm_companycode = "USMF" } });
        Assert.True(world.Runtime.Retry(error.Id));

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal("Litware Inc", world.AccountOf("US0001")!.name);
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Corp' WHERE CustomerAccount = 'US0001'");
        world.Runtime.SyncOnce();
        Assert.Equal("Litware Corp", world.AccountOf("US0001")!.name);
    }

    [Fact]
    public void A_retry_that_fails_again_keeps_the_change_and_a_discard_lets_the_next_one_through()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.NewAccount("US5001", "Fabrikam"));
        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 999");
        world.Runtime.SyncOnce();
        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 806380002, name = 'Fabrikam Ltd'");
        world.Runtime.SyncOnce();
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Contains("Value map 'OnHoldStatusCodes' has no entry towards F&O for '999'", error.Reason);
        Assert.Equal((Side.Dataverse, ChangeOperation.Update, 1), (error.Side, error.Operation, error.WaitingChanges));

        Assert.False(world.Runtime.Retry(error.Id));
        Assert.Single(world.Runtime.GetErrors());
        Assert.True(world.Runtime.Discard(error.Id));

        Assert.Empty(world.Runtime.GetErrors());
        var customer = world.FoCustomerOf("US5001")!;
        Assert.Equal(("Fabrikam Ltd", Contoso.Integration.Fo.CustVendorBlocked.All), (customer.OrganizationName, customer.OnHoldStatus));
    }

    [Fact]
    public void Values_too_long_for_the_target_and_numbers_in_the_wrong_range_go_to_the_error_list()
    {
        using var world = new World();
        world.SeedGroup();
        world.Dataverse.Save(World.Account, World.NewAccount("US5001", new string('n', 150)));
        world.Dataverse.Save(World.Account, World.NewAccount("US0003", "Wrong range"));

        var pass = world.Runtime.SyncOnce();

        Assert.Equal(2, pass.Failed);
        var reasons = world.Runtime.GetErrors().Select(e => (e.RecordKey, e.Reason)).OrderBy(e => e.RecordKey).ToList();
        Assert.Equal("USMF|US0003", reasons[0].RecordKey);
        Assert.Contains("lies in F&O's number range", reasons[0].Reason);
        Assert.Contains("CustomersV3.OrganizationName holds at most 100", reasons[1].Reason);
        Assert.Empty(world.Fo.Query(World.FoCustomer));
    }

    [Fact]
    public void A_live_save_of_a_record_with_a_failed_change_is_refused()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Runtime.SyncOnce();

        var error = Assert.Throws<Engine.DualWriteException>(() => world.Runtime.Save(World.Customer("US0001", "Litware Inc")));

        Assert.Contains("waits in the error list", error.Reason);
        Assert.Equal("Litware", world.FoCustomerOf("US0001")!.OrganizationName);
    }

    [Fact]
    public void A_record_whose_key_is_incomplete_is_parked_with_the_reason_and_writes_nothing()
    {
        using var world = new World();
        var foHead = world.Fo.GetHead();

        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_description = "No id", msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "USMF" } });
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((0, 1), (pass.Synced, pass.Failed));
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(
            ("CustomerGroups", Side.Dataverse, "The record's integration key 'USMF|' is incomplete, so it cannot be matched on the other side."),
            (error.Map, error.Side, error.Reason));
        Assert.Equal(foHead, world.Fo.GetHead());
    }
}
