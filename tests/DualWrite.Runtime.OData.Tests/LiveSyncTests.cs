using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>Live sync both ways between the local F&amp;O-like and Dataverse-like services, with the sample's generated maps.</summary>
public sealed class LiveSyncTests
{
    [Fact]
    public async Task Changes_flow_both_ways_and_do_not_echo()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", "30"), ("Description", "Wholesale")));
        await pair.FoService.InsertAsync("CustomersV3", Rows.Of(
            ("dataAreaId", "USMF"), ("CustomerAccount", "US0001"), ("OrganizationName", "Contoso Retail"), ("PartyType", "Organization"),
            ("CustomerGroupId", "30"), ("CreditLimit", 1500m), ("PaymentTerms", "Net60"), ("AddressCity", "seattle"), ("OnHoldStatus", "No")));

        var toDataverse = pair.SyncUntilQuiet();

        Assert.Equal(0, toDataverse.Failed);
        var group = Assert.Single(pair.DataverseService.Rows("msdyn_customergroups"));
        Assert.Equal("Wholesale", group["msdyn_description"]);
        var account = Assert.Single(pair.DataverseService.Rows("accounts"));
        Assert.Equal("Contoso Retail", account["name"]);
        Assert.Equal("Seattle", account["address1_city"]);
        Assert.Equal(1500m, account["creditlimit"]);
        Assert.Equal(2, account["msdyn_paymentterms"]);
        Assert.Equal(group["msdyn_customergroupid"], account["_msdyn_customergroupid_value"]);

        await pair.DataverseService.UpdateAsync("accounts", Rows.Of(("accountid", account["accountid"])), Rows.Of(("name", "Contoso Retail West"), ("msdyn_paymentterms", 3)));
        var toFo = pair.SyncUntilQuiet();

        Assert.Equal(1, toFo.Synced);
        var customer = Assert.Single(pair.FoService.Rows("CustomersV3"));
        Assert.Equal("Contoso Retail West", customer["OrganizationName"]);
        Assert.Equal("COD", customer["PaymentTerms"]);

        // The connector's own writes come back through change tracking and polling; none is synced again.
        var quiet = pair.SyncUntilQuiet();
        Assert.Equal(0, quiet.Synced);
        Assert.Single(pair.DataverseService.Rows("accounts"));
        Assert.Equal(1, pair.FoService.Rows("CustomersV3").Count(r => (string?)r["CustomerAccount"] == "US0001"));
    }
}
