using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Writes;

/// <summary>
/// The client's update is remembered as the row it leaves, so that the poll reading it back knows it for the client's
/// write. A lookup the update rebinds or clears is part of that row: remembered with its old id, a user's edit that sets
/// the lookup back to that id before the next poll would pass for the client's write and never reach F&amp;O. These
/// updates go in a <c>$batch</c> answered with the rows (they carry the version read); an <c>UpdateMultiple</c>, answered
/// without them, is remembered with its bound and cleared ids laid over the journal's row (<c>ODataTransaction.UpdatedAsync</c>).
/// </summary>
public sealed class OwnUpdateLookupTests
{
    // Enough vendors that one pass updates them with a bulk message (a run of ten or more rows of one table).
    private const int Vendors = 12;

    [Theory]
    [InlineData("V20")] // the group rebound to another one
    [InlineData("")] // the group cleared (F&O has no null strings)
    public async Task A_lookup_set_back_in_Dataverse_after_the_clients_bulk_update_changed_it_reaches_fo(string newGroup)
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedAsync(pair);
        var oldGroupId = Vendor(pair, 1)["_msdyn_vendorgroupid_value"];
        Assert.NotNull(oldGroupId);

        for (var i = 1; i <= Vendors; i++)
        {
            await pair.FoService.UpdateAsync("VendorsV2", FoKey(i), Rows.Of(("VendorGroupId", newGroup)));
        }

        Assert.Equal(Vendors, pair.Runtime.SyncOnce().Synced);
        Assert.NotEqual(oldGroupId, Vendor(pair, 1)["_msdyn_vendorgroupid_value"]);

        // A user puts vendor 1 back in its old group before the client reads Dataverse's feed again.
        await pair.DataverseService.UpdateAsync("msdyn_vendors", DataverseKey(pair, 1), Rows.Of(("_msdyn_vendorgroupid_value", oldGroupId)));

        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        Assert.Equal("V10", pair.FoService.Find("VendorsV2", FoKey(1))!["VendorGroupId"]);
        Assert.Equal(newGroup, pair.FoService.Find("VendorsV2", FoKey(2))!["VendorGroupId"]);
    }

    private static async Task SeedAsync(ConnectedPair pair)
    {
        await pair.FoService.InsertAsync("VendorGroups", Rows.Of(("dataAreaId", "USMF"), ("VendorGroupId", "V10"), ("Description", "Suppliers")));
        await pair.FoService.InsertAsync("VendorGroups", Rows.Of(("dataAreaId", "USMF"), ("VendorGroupId", "V20"), ("Description", "Contractors")));
        for (var i = 1; i <= Vendors; i++)
        {
            await pair.FoService.InsertAsync("VendorsV2", Rows.Of(
                ("dataAreaId", "USMF"), ("VendorAccountNumber", Account(i)), ("VendorOrganizationName", "Litware " + i.ToString(CultureInfo.InvariantCulture)),
                ("VendorGroupId", "V10"), ("CreditLimit", 7000m), ("IsOneTimeVendor", "No"), ("OnHoldStatus", "No"), ("VendorPartyType", "Organization")));
        }

        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        Assert.Equal(Vendors, pair.DataverseService.Rows("msdyn_vendors").Count(r => r["_msdyn_vendorgroupid_value"] is not null));
    }

    private static string Account(int vendor) => "F" + vendor.ToString("D4", CultureInfo.InvariantCulture);

    private static System.Collections.Generic.Dictionary<string, object?> FoKey(int vendor) => Rows.Of(("dataAreaId", "USMF"), ("VendorAccountNumber", Account(vendor)));

    private static System.Collections.Generic.Dictionary<string, object?> DataverseKey(ConnectedPair pair, int vendor) =>
        Rows.Of(("msdyn_vendoraccountnumber", Account(vendor)), ("_msdyn_company_value", FaultTests.CompanyId(pair, "USMF")));

    private static ServiceRow Vendor(ConnectedPair pair, int vendor) => pair.DataverseService.Find("msdyn_vendors", DataverseKey(pair, vendor))!;
}
