using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

public sealed class SyncEngineTests
{
    [Fact]
    public void An_FO_customer_flows_to_Dataverse_with_its_company_and_group_lookup()
    {
        using var world = new World();
        world.SeedGroup();

        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "30"));
        var result = world.Runtime.SyncOnce();

        Assert.Equal(1, result.Synced);
        var account = world.AccountOf("US0001")!;
        Assert.Equal("Litware", account.name);
        Assert.Equal("30", account.msdyn_customergroupid!.msdyn_groupid);
        Assert.Equal(3, account.customertypecode);
        Assert.Equal(806380000, account.msdyn_onholdstatus);
        Assert.Equal(1000m, account.creditlimit);
    }

    [Fact]
    public void A_Dataverse_account_flows_to_FO()
    {
        using var world = new World();
        world.SeedGroup();

        world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Fabrikam"));
        world.Runtime.SyncOnce();

        var customer = world.FoCustomerOf("US5001")!;
        Assert.Equal("Fabrikam", customer.OrganizationName);
        Assert.Equal("30", customer.CustomerGroupId);
        Assert.Equal("en-us", customer.LanguageId);
        Assert.Equal(Fo.CustVendorBlocked.No, customer.OnHoldStatus);
    }

    [Fact]
    public void Only_the_mapped_fields_that_changed_are_written_and_the_runtimes_writes_do_not_come_back()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.SyncUntilQuiet();
        world.Execute(world.Dataverse, "UPDATE accounts SET telephone1 = '555-0100'");
        world.SyncUntilQuiet();
        var head = world.Dataverse.GetHead();

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Inc' WHERE CustomerAccount = 'US0001'");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal(1, pass.Synced);
        var written = world.Dataverse.ReadChanges("accounts", head, world.Dataverse.GetHead());
        var change = Assert.Single(written);
        Assert.Equal("dualwrite:Customers#" + world.Fo.GetHead(), change.Origin);
        Assert.Contains("\"telephone1\":\"555-0100\"", change.Image);
        Assert.Equal("Litware Inc", world.AccountOf("US0001")!.name);

        // The next pass reads the runtime's own write and skips it; the one after finds nothing at all.
        var echo = world.Runtime.SyncOnce();
        Assert.Equal((0, 1), (echo.Synced, echo.Skipped));
        Assert.Equal(0, world.Runtime.SyncOnce().Read);
    }

    [Fact]
    public void A_change_that_writes_the_same_values_writes_nothing()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.SyncUntilQuiet();
        var head = world.Dataverse.GetHead();

        // A field that does not flow to Dataverse changes: F&O logs it, the map finds nothing to write.
        world.Execute(world.Fo, "UPDATE CustomersV3 SET NameAlias = 'LW' WHERE CustomerAccount = 'US0001'");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((0, 1), (pass.Synced, pass.Unchanged));
        Assert.Equal(head, world.Dataverse.GetHead());
    }

    [Fact]
    public void A_records_changes_are_applied_in_order()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "NameA"));
        world.SyncUntilQuiet();
        var head = world.Dataverse.GetHead();

        foreach (var name in new[] { "NameB", "NameC", "NameD" })
        {
            world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = $name WHERE CustomerAccount = 'US0001'", ("$name", name));
        }

        world.Runtime.SyncOnce();

        var names = world.Dataverse.ReadChanges("accounts", head, world.Dataverse.GetHead())
            .Select(c => System.Text.Json.JsonDocument.Parse(c.Image).RootElement.GetProperty("name").GetString());
        Assert.Equal(new[] { "NameB", "NameC", "NameD" }, names);
    }

    [Fact]
    public void Records_outside_the_source_filter_or_of_companies_not_linked_do_not_flow()
    {
        using var world = new World();
        world.SeedGroup();
        // DEMF exists on Dataverse with its customer group, so an account of DEMF could be written if it flowed: only
        // the company striping keeps it out, not a missing company or lookup target.
        world.Dataverse.EnsureCompanies(new[] { "DEMF" });
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_groupid = "30", msdyn_description = "DEMF group", msdyn_company = new() { cdm_companycode = "DEMF" } });
        world.SyncUntilQuiet();
        var head = world.Dataverse.GetHead();
        var person = World.Customer("US0002", "Jane");
        person.PartyType = Fo.DirPartyBaseType.Person;
        world.Fo.Save(World.FoCustomer, person);
        world.Fo.Save(World.FoGroup, new Fo.CustomerGroup { dataAreaId = "DEMF", CustomerGroupId = "30", Description = "changed in F&O" });
        world.Fo.Save(World.FoCustomer, World.Customer("DE0001", "Contoso GmbH", company: "DEMF"));

        var pass = world.Runtime.SyncOnce();

        Assert.Equal((3, 0, 0, 3), (pass.Read, pass.Synced, pass.Failed, pass.Skipped));
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Null(world.AccountOf("US0002"));
        Assert.Null(world.AccountOf("DE0001", company: "DEMF"));
        Assert.Empty(world.Dataverse.Query(World.Account));
        Assert.Equal(head, world.Dataverse.GetHead());
        var demfGroup = Assert.Single(world.Dataverse.Query(World.DataverseGroup), g => g.msdyn_company?.cdm_companycode == "DEMF");
        Assert.Equal("DEMF group", demfGroup.msdyn_description);
    }

    [Fact]
    public void Deletes_flow_when_the_map_syncs_them_and_stay_when_it_ignores_them()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(VendorGroupsMap.Definition.Fo, new Fo.VendorGroup { dataAreaId = "USMF", VendorGroupId = "V1" });
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.Fo.Save(VendorsMap.Definition.Fo, new Fo.VendorV2
        {
            dataAreaId = "USMF", VendorAccountNumber = "F001", VendorOrganizationName = "Adatum", VendorGroupId = "V1",
            VendorPartyType = Fo.DirPartyBaseType.Organization, IsOneTimeVendor = Fo.NoYes.No, OnHoldStatus = Fo.CustVendorBlocked.No, CreditLimit = 0m,
        });
        world.SyncUntilQuiet();
        Assert.NotNull(world.AccountOf("US0001"));
        Assert.Single(world.Dataverse.Query(VendorsMap.Definition.Dataverse));

        world.Execute(world.Fo, "DELETE FROM CustomersV3");
        world.Execute(world.Fo, "DELETE FROM VendorsV2");
        world.SyncUntilQuiet();

        Assert.Null(world.AccountOf("US0001"));
        Assert.Single(world.Dataverse.Query(VendorsMap.Definition.Dataverse));
    }

    [Fact]
    public void A_one_way_map_reads_only_its_source()
    {
        using var world = new World();
        world.Fo.Save(ProductsMap.Definition.Fo, new Fo.ProductV2 { ProductNumber = "P1", ProductName = "Bolt", ProductType = Fo.EcoResProductType.Item });
        world.Runtime.SyncOnce();
        var product = world.Dataverse.Query(ProductsMap.Definition.Dataverse).Single();
        Assert.Equal((1, 690970000, ""), (product.msdyn_producttype, product.msdyn_fieldserviceproducttype, product.msdyn_description));

        world.Execute(world.Dataverse, "UPDATE msdyn_globalproducts SET msdyn_productname = 'Screw'");
        world.Runtime.SyncOnce();

        Assert.Equal("Bolt", world.Fo.Query(ProductsMap.Definition.Fo).Single().ProductName);
    }

    [Fact]
    public void A_paused_map_stages_its_changes_and_replays_them_on_resume()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Pause(CustomersMap.Name);

        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "NameA"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'NameB'");
        world.Runtime.SyncOnce();
        Assert.Null(world.AccountOf("US0001"));

        world.Runtime.Resume(CustomersMap.Name);
        world.Runtime.SyncOnce();

        Assert.Equal("NameB", world.AccountOf("US0001")!.name);
    }
}
