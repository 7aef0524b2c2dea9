using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// A lookup cleared on one side is cleared on the other over HTTP. The sample's customers leave F&amp;O only with a group
/// (the map's F&amp;O filter), so F&amp;O's side is shown with vendors, whose map has no such filter.
/// </summary>
public sealed class LookupClearTests
{
    [Fact]
    public async Task A_vendor_group_cleared_in_FO_clears_the_lookup_in_Dataverse_and_settles()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedVendorAsync(pair);

        // F&O has no null strings: a cleared group is an empty one. The first $batch is lost before Dataverse runs it, so
        // the probe must tell from the lookup column alone (the changeset writes no other value) that it was not applied.
        await pair.FoService.UpdateAsync("VendorsV2", VendorKey, Rows.Of(("VendorGroupId", string.Empty)));
        var drop = pair.DataverseService.Faults.Inject(Fault.DropBeforeProcessing(), times: 1, method: "POST", pathContains: "$batch");
        var cleared = pair.SyncUntilQuiet();

        Assert.Equal(1, drop.Hits);
        Assert.Equal((1, 0), (cleared.Synced, cleared.Failed));
        Assert.Empty(pair.Runtime.GetErrors());
        var vendor = Vendor(pair);
        Assert.Null(vendor["_msdyn_vendorgroupid_value"]);
        Assert.Equal(FaultTests.CompanyId(pair, "USMF"), vendor["_msdyn_company_value"]);
        Assert.Equal(0, pair.SyncUntilQuiet().Synced);

        // The connector's image of its write has the lookup cleared: a later change compares against it and writes only itself.
        await pair.FoService.UpdateAsync("VendorsV2", VendorKey, Rows.Of(("VendorOrganizationName", "Litware Inc")));
        var renamed = pair.SyncUntilQuiet();

        Assert.Equal((1, 0), (renamed.Synced, renamed.Failed));
        vendor = Vendor(pair);
        Assert.Equal("Litware Inc", vendor["msdyn_vendorname"]);
        Assert.Null(vendor["_msdyn_vendorgroupid_value"]);
    }

    [Fact]
    public async Task Group_lookups_cleared_in_Dataverse_clear_the_group_in_FO()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedVendorAsync(pair);
        await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "30"), ("Description", "Wholesale")));
        await pair.FoService.InsertAsync("CustomersV3", Rows.Of(
            ("dataAreaId", "USMF"), ("CustomerAccount", "US0001"), ("OrganizationName", "Fabrikam"), ("PartyType", "Organization"),
            ("CustomerGroupId", "30"), ("CreditLimit", 2500m), ("PaymentTerms", "Net30"), ("AddressCity", "new york"), ("OnHoldStatus", "No")));
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        var usmf = FaultTests.CompanyId(pair, "USMF");
        Assert.NotNull(Assert.Single(pair.DataverseService.Rows("accounts"))["_msdyn_customergroupid_value"]);

        await pair.DataverseService.UpdateAsync("msdyn_vendors", Rows.Of(("msdyn_vendoraccountnumber", "F0001"), ("_msdyn_company_value", usmf)), Rows.Of(("_msdyn_vendorgroupid_value", null)));
        await pair.DataverseService.UpdateAsync("accounts", Rows.Of(("accountnumber", "US0001"), ("_msdyn_company_value", usmf)), Rows.Of(("_msdyn_customergroupid_value", null)));
        var cleared = pair.SyncUntilQuiet();

        Assert.Equal((2, 0), (cleared.Synced, cleared.Failed));
        Assert.True(string.IsNullOrEmpty((string?)Assert.Single(pair.FoService.Rows("VendorsV2"))["VendorGroupId"]));
        Assert.True(string.IsNullOrEmpty((string?)Assert.Single(pair.FoService.Rows("CustomersV3"))["CustomerGroupId"]));
        Assert.Equal(0, pair.SyncUntilQuiet().Synced);
    }

    private static System.Collections.Generic.Dictionary<string, object?> VendorKey => Rows.Of(("dataAreaId", "USMF"), ("VendorAccountNumber", "F0001"));

    private static async Task SeedVendorAsync(ConnectedPair pair)
    {
        await pair.FoService.InsertAsync("VendorGroups", Rows.Of(("dataAreaId", "USMF"), ("VendorGroupId", "V10"), ("Description", "Suppliers")));
        await pair.FoService.InsertAsync("VendorsV2", Rows.Of(
            ("dataAreaId", "USMF"), ("VendorAccountNumber", "F0001"), ("VendorOrganizationName", "Litware"), ("VendorGroupId", "V10"),
            ("CreditLimit", 7000m), ("IsOneTimeVendor", "No"), ("OnHoldStatus", "No"), ("VendorPartyType", "Organization")));
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        Assert.NotNull(Vendor(pair)["_msdyn_vendorgroupid_value"]);
    }

    private static DualWrite.LocalOData.Hosting.ServiceRow Vendor(ConnectedPair pair) => Assert.Single(pair.DataverseService.Rows("msdyn_vendors"));
}
