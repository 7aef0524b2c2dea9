using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// Every map of the sample over HTTP: company-specific and global tables, enums (F&amp;O member names, Dataverse
/// option values), lookups bound by alternate key (one of them polymorphic), number ranges, unlinked companies.
/// </summary>
public sealed class SampleMapsTests
{
    [Fact]
    public async Task Every_sample_map_syncs_over_http()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var fo = pair.FoService;
        foreach (var company in new[] { "USMF", "DEMF", "GBSI" })
        {
            await fo.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", company), ("CustomerGroupId", "30"), ("Description", "Wholesale " + company)));
            await fo.InsertAsync("VendorGroups", Rows.Of(("dataAreaId", company), ("VendorGroupId", "V10"), ("Description", "Suppliers")));
            await fo.InsertAsync("CustomersV3", Rows.Of(
                ("dataAreaId", company), ("CustomerAccount", "US0001"), ("OrganizationName", "Fabrikam " + company), ("PartyType", "Organization"),
                ("CustomerGroupId", "30"), ("CreditLimit", 2500m), ("PaymentTerms", "Net30"), ("AddressCity", "new york"), ("OnHoldStatus", "Invoice")));
            await fo.InsertAsync("VendorsV2", Rows.Of(
                ("dataAreaId", company), ("VendorAccountNumber", "F0001"), ("VendorOrganizationName", "Litware"), ("VendorGroupId", "V10"),
                ("CreditLimit", 7000m), ("IsOneTimeVendor", "Yes"), ("OnHoldStatus", "Payment"), ("VendorHoldReleaseDate", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)),
                ("DUNSNumber", "123456789"), ("VendorPartyType", "Organization")));
            await fo.InsertAsync("ContactPersonsV2", Rows.Of(
                ("dataAreaId", company), ("ContactPersonId", "CP001"), ("FirstName", "Ana"), ("LastName", "Trujillo"), ("PrimaryEmail", "ana@example.com"),
                ("IsReceivingDirectMail", "Yes"), ("AssociatedContactType", "Customer"), ("AssociatedContactNumber", "US0001")));
        }

        await fo.InsertAsync("ProductsV2", Rows.Of(("ProductNumber", "P-100"), ("ProductName", "Widget"), ("ProductType", "Service"), ("ProductSubType", "Product"), ("IsCatchWeightProduct", "No")));

        var toDataverse = pair.SyncUntilQuiet();

        Assert.Equal(0, toDataverse.Failed);
        var dataverse = pair.DataverseService;
        Assert.Equal(2, dataverse.Rows("msdyn_customergroups").Count);
        Assert.Equal(2, dataverse.Rows("msdyn_vendorgroups").Count);
        var accounts = dataverse.Rows("accounts");
        Assert.Equal(new[] { "Fabrikam DEMF", "Fabrikam USMF" }, accounts.Select(a => (string)a["name"]!).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(accounts, a => Assert.Equal(806380001, a["msdyn_onholdstatus"]));
        var vendor = dataverse.Rows("msdyn_vendors").First();
        Assert.Equal(true, vendor["msdyn_isonetimevendor"]);
        Assert.Equal(806380003, vendor["msdyn_onholdstatus"]);
        Assert.Equal(7000m, vendor["msdyn_vendorcreditlimit"]);
        var contacts = dataverse.Rows("contacts");
        Assert.Equal(2, contacts.Count);
        Assert.All(contacts, c => Assert.Contains(accounts, a => Equals(a["accountid"], c["_parentcustomerid_value"])));
        var product = Assert.Single(dataverse.Rows("msdyn_globalproducts"));
        Assert.Equal(2, product["msdyn_producttype"]);

        // A Dataverse user creates an account in Dataverse's number range and changes a vendor's on-hold status.
        var usmf = FaultTests.CompanyId(pair, "USMF");
        var group = dataverse.Rows("msdyn_customergroups").Single(g => Equals(g["_msdyn_company_value"], usmf));
        await dataverse.InsertAsync("accounts", Rows.Of(
            ("accountnumber", "US5001"), ("name", "Created in Dataverse"), ("_msdyn_company_value", usmf), ("_msdyn_customergroupid_value", group["msdyn_customergroupid"]),
            ("customertypecode", 3), ("statecode", 0), ("msdyn_paymentterms", 2), ("address1_city", "boston"), ("msdyn_onholdstatus", 806380000)));
        await dataverse.UpdateAsync("msdyn_vendors", Rows.Of(("msdyn_vendoraccountnumber", "F0001"), ("_msdyn_company_value", usmf)), Rows.Of(("msdyn_onholdstatus", 806380002), ("msdyn_isonetimevendor", false)));

        var toFo = pair.SyncUntilQuiet();

        Assert.Equal(0, toFo.Failed);
        var created = fo.Rows("CustomersV3").Single(c => (string)c["CustomerAccount"]! == "US5001");
        Assert.Equal("Created in Dataverse", created["OrganizationName"]);
        Assert.Equal("en-us", created["LanguageId"]);
        Assert.Equal("Net60", created["PaymentTerms"]);
        Assert.Equal("No", created["OnHoldStatus"]);
        var foVendor = fo.Rows("VendorsV2").Single(v => string.Equals((string)v["dataAreaId"]!, "USMF", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("All", foVendor["OnHoldStatus"]);
        Assert.Equal("No", foVendor["IsOneTimeVendor"]);
        Assert.Equal(0, pair.SyncUntilQuiet().Synced);
    }

    [Fact]
    public async Task A_map_over_the_users_own_classes_syncs_over_http()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.FoService.InsertAsync("Currencies", Rows.Of(("CurrencyCode", "EUR"), ("Name", "Euro"), ("Symbol", "€")));

        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        var currency = Assert.Single(pair.DataverseService.Rows("transactioncurrencies"));
        Assert.Equal("EUR", currency["isocurrencycode"]);
        Assert.Equal("€", currency["currencysymbol"]);

        await pair.DataverseService.UpdateAsync("transactioncurrencies", Rows.Of(("isocurrencycode", "EUR")), Rows.Of(("currencyname", "Euro (EMU)")));
        Assert.Equal(1, pair.SyncUntilQuiet().Synced);
        Assert.Equal("Euro (EMU)", Assert.Single(pair.FoService.Rows("Currencies"))["Name"]);
    }
}
