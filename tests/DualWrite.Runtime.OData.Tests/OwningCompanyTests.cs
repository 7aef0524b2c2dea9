using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// A Dataverse write resolves its owning company once and uses it for the company lookup's bind and the company part of
/// the row's alternate key; every other lookup of the write still binds its own row.
/// </summary>
public sealed class OwningCompanyTests
{
    [Fact]
    public async Task A_customer_binds_its_group_and_its_company_each_to_its_own_row_when_created_and_when_updated()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "30"), ("Description", "Wholesale")));
        await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "40"), ("Description", "Retail")));
        await pair.FoService.InsertAsync("CustomersV3", Rows.Of(
            ("dataAreaId", "USMF"), ("CustomerAccount", "US0001"), ("OrganizationName", "Fabrikam"), ("PartyType", "Organization"),
            ("CustomerGroupId", "30"), ("CreditLimit", 2500m), ("PaymentTerms", "Net30"), ("AddressCity", "new york"), ("OnHoldStatus", "No")));

        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        var usmf = FaultTests.CompanyId(pair, "USMF");
        var account = Assert.Single(pair.DataverseService.Rows("accounts"));
        Assert.Equal(usmf, account["_msdyn_company_value"]);
        Assert.Equal(GroupId(pair, "30"), account["_msdyn_customergroupid_value"]);

        // The update is addressed by the account's alternate key, whose company part is the write's owning company.
        await pair.FoService.UpdateAsync("CustomersV3", Rows.Of(("dataAreaId", "USMF"), ("CustomerAccount", "US0001")), Rows.Of(("CustomerGroupId", "40"), ("OrganizationName", "Fabrikam Inc")));
        var updated = pair.SyncUntilQuiet();

        Assert.Equal((1, 0), (updated.Synced, updated.Failed));
        account = Assert.Single(pair.DataverseService.Rows("accounts"));
        Assert.Equal("Fabrikam Inc", account["name"]);
        Assert.Equal(usmf, account["_msdyn_company_value"]);
        Assert.Equal(GroupId(pair, "40"), account["_msdyn_customergroupid_value"]);
    }

    private static object GroupId(ConnectedPair pair, string group) =>
        pair.DataverseService.Rows("msdyn_customergroups").Single(r => string.Equals((string?)r["msdyn_groupid"], group, StringComparison.Ordinal))["msdyn_customergroupid"]!;
}
