using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Tests.Staging;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>The maps of a pass run in dependency order over the same changes, so a lookup target created before its record is synced first.</summary>
public sealed class PassOrderTests
{
    [Fact]
    public void A_vendor_and_its_group_created_between_the_groups_turn_and_the_vendors_turn_wait_together_for_the_next_pass()
    {
        using var world = new World(new IDualWriteMap[] { VendorGroupsMap.Definition, VendorsMap.Definition });

        // The first pass's second transaction on F&O is the Vendors map's: the group and the vendor are committed after the
        // VendorGroups map's turn and before the Vendors map's.
        var transactions = 0;
        var fo = new FlakyEnvironment(world.Fo);
        fo.BeforeTransaction = () =>
        {
            if (++transactions != 2)
            {
                return;
            }

            world.Fo.Save(VendorGroupsMap.Definition.Fo, new Fo.VendorGroup { dataAreaId = "USMF", VendorGroupId = "V1" });
            world.Fo.Save(VendorsMap.Definition.Fo, new Fo.VendorV2
            {
                dataAreaId = "USMF", VendorAccountNumber = "F001", VendorOrganizationName = "Adatum", VendorGroupId = "V1",
                VendorPartyType = Fo.DirPartyBaseType.Organization, IsOneTimeVendor = Fo.NoYes.No, OnHoldStatus = Fo.CustVendorBlocked.No, CreditLimit = 0m,
            });
        };
        using var runtime = new DualWriteRuntime(fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);

        var first = runtime.SyncOnce();
        var second = runtime.SyncOnce();

        Assert.Equal((0, 0), (first.Read, first.Failed));
        Assert.Equal((2, 0), (second.Synced, second.Failed));
        Assert.Empty(runtime.GetErrors());
        Assert.Equal("V1", world.Dataverse.Query(VendorsMap.Definition.Dataverse).Single().msdyn_vendorgroupid?.msdyn_vendorgroup);
    }
}
