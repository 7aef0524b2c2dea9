using System.Linq;
using Contoso.Integration;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>A lookup cleared on one side is cleared on the other, on the embedded environments (the OData connector's tests do the same over HTTP).</summary>
public sealed class LookupClearTests
{
    [Fact]
    public void A_vendor_group_cleared_in_FO_clears_the_lookup_in_Dataverse_and_settles()
    {
        using var world = new World();
        SeedVendor(world);

        // F&O has no null strings: a cleared group is an empty one.
        world.Execute(world.Fo, "UPDATE VendorsV2 SET VendorGroupId = '' WHERE VendorAccountNumber = 'F001'");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((1, 0), (pass.Synced, pass.Failed));
        Assert.Empty(world.Runtime.GetErrors());
        var vendor = world.Dataverse.Query(VendorsMap.Definition.Dataverse).Single();
        Assert.Null(vendor.msdyn_vendorgroupid);
        Assert.Equal(System.DBNull.Value, world.Scalar(world.Dataverse, "SELECT _msdyn_vendorgroupid_value FROM msdyn_vendors"));
        Assert.Equal(0, world.SyncUntilQuiet().Synced);

        // A later change of the vendor does not write the cleared lookup again.
        world.Execute(world.Fo, "UPDATE VendorsV2 SET VendorOrganizationName = 'Adatum Corp' WHERE VendorAccountNumber = 'F001'");
        var head = world.Dataverse.GetHead();
        Assert.Equal(1, world.Runtime.SyncOnce().Synced);
        var change = Assert.Single(world.Dataverse.ReadChanges("msdyn_vendors", head, world.Dataverse.GetHead()));
        Assert.DoesNotContain("_msdyn_vendorgroupid_value\":\"", change.Image);
    }

    [Fact]
    public void A_vendor_group_lookup_cleared_in_Dataverse_clears_the_group_in_FO()
    {
        using var world = new World();
        SeedVendor(world);

        world.Execute(world.Dataverse, "UPDATE msdyn_vendors SET _msdyn_vendorgroupid_value = NULL");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((1, 0), (pass.Synced, pass.Failed));
        Assert.True(string.IsNullOrEmpty(world.Fo.Query(VendorsMap.Definition.Fo).Single().VendorGroupId));
        Assert.Equal(0, world.SyncUntilQuiet().Synced);
    }

    private static void SeedVendor(World world)
    {
        world.Fo.Save(VendorGroupsMap.Definition.Fo, new Fo.VendorGroup { dataAreaId = "USMF", VendorGroupId = "V1" });
        world.Fo.Save(VendorsMap.Definition.Fo, new Fo.VendorV2
        {
            dataAreaId = "USMF", VendorAccountNumber = "F001", VendorOrganizationName = "Adatum", VendorGroupId = "V1",
            VendorPartyType = Fo.DirPartyBaseType.Organization, IsOneTimeVendor = Fo.NoYes.No, OnHoldStatus = Fo.CustVendorBlocked.No, CreditLimit = 0m,
        });
        world.SyncUntilQuiet();
        Assert.Equal("V1", world.Dataverse.Query(VendorsMap.Definition.Dataverse).Single().msdyn_vendorgroupid?.msdyn_vendorgroup);
    }
}
