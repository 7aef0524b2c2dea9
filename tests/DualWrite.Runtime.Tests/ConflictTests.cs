using Contoso.Integration;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

public sealed class ConflictTests
{
    [Fact]
    public void Latest_wins_takes_the_version_modified_last()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.Runtime.Save(World.Customer("US0002", "Original"));

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'F&O first' WHERE CustomerAccount = 'US0001'");
        world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Dataverse first' WHERE accountnumber = 'US0002'");
        world.WaitForTheClock();
        world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Dataverse last' WHERE accountnumber = 'US0001'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'F&O last' WHERE CustomerAccount = 'US0002'");
        var pass = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.Equal(2, pass.Conflicts);
        Assert.Equal(("Dataverse last", "Dataverse last"), (world.FoCustomerOf("US0001")!.OrganizationName, world.AccountOf("US0001")!.name));
        Assert.Equal(("F&O last", "F&O last"), (world.FoCustomerOf("US0002")!.OrganizationName, world.AccountOf("US0002")!.name));
    }

    [Fact]
    public void FO_wins_keeps_the_FO_version_even_when_Dataverse_changed_last()
    {
        using var world = new World();
        world.Fo.Save(VendorGroupsMap.Definition.Fo, new Fo.VendorGroup { dataAreaId = "USMF", VendorGroupId = "V1" });
        world.Runtime.SyncOnce();
        world.Runtime.Save(new Fo.VendorV2
        {
            dataAreaId = "USMF", VendorAccountNumber = "F001", VendorOrganizationName = "Adatum", VendorGroupId = "V1",
            VendorPartyType = Fo.DirPartyBaseType.Organization, IsOneTimeVendor = Fo.NoYes.No, OnHoldStatus = Fo.CustVendorBlocked.No, CreditLimit = 0m,
        });

        world.Execute(world.Fo, "UPDATE VendorsV2 SET VendorOrganizationName = 'F&O version'");
        world.WaitForTheClock();
        world.Execute(world.Dataverse, "UPDATE msdyn_vendors SET msdyn_vendorname = 'Dataverse version'");
        world.SyncUntilQuiet();

        Assert.Equal("F&O version", world.Dataverse.Query(VendorsMap.Definition.Dataverse)[0].msdyn_vendorname);
        Assert.Equal("F&O version", world.Fo.Query(VendorsMap.Definition.Fo)[0].VendorOrganizationName);
    }

    [Fact]
    public void Fail_puts_the_record_in_the_error_list_and_leaves_both_sides_alone()
    {
        using var world = new World();
        world.SeedGroup();
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'F&O'");
        world.Execute(world.Dataverse, "UPDATE msdyn_customergroups SET msdyn_description = 'Dataverse'");

        var pass = world.Runtime.SyncOnce();

        Assert.Equal((1, 1, 1), (pass.Conflicts, pass.Failed, pass.Queued));
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Contains("conflict policy is 'fail'", error.Reason);
        Assert.Equal(Side.Fo, error.Side);
        Assert.Equal("F&O", world.Fo.Query(World.FoGroup)[0].Description);
        Assert.Equal("Dataverse", world.Dataverse.Query(World.DataverseGroup)[0].msdyn_description);

        // Retrying applies both versions in the order they were made: the later one (Dataverse) stands on both sides.
        Assert.True(world.Runtime.Retry(error.Id));
        Assert.Equal("Dataverse", world.Fo.Query(World.FoGroup)[0].Description);
        Assert.Equal("Dataverse", world.Dataverse.Query(World.DataverseGroup)[0].msdyn_description);
    }
}
