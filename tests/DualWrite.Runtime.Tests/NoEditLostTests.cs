using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;
using DualWrite.Runtime.Tests.Staging;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>No edit is lost or duplicated: conflicts on mapped fields only, edits landing mid-pass, company moves, filters.</summary>
public sealed class NoEditLostTests
{
    [Fact]
    public void An_edit_to_a_column_the_map_does_not_carry_is_no_conflict()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Renamed in F&O' WHERE CustomerAccount = 'US0001'");
        world.WaitForTheClock();
        world.Execute(world.Dataverse, "UPDATE accounts SET address1_line1 = '1 Main St' WHERE accountnumber = 'US0001'");
        var pass = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.Equal(0, pass.Conflicts);
        Assert.Equal("Renamed in F&O", world.FoCustomerOf("US0001")!.OrganizationName);
        Assert.Equal("Renamed in F&O", world.AccountOf("US0001")!.name);
        Assert.Equal("1 Main St", world.Scalar(world.Dataverse, "SELECT address1_line1 FROM accounts WHERE accountnumber = 'US0001'"));
    }

    [Fact]
    public void An_edit_landing_between_the_heads_and_the_maps_turn_is_not_overwritten()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.SyncUntilQuiet();

        // F&O sets the city; the pass reads the heads under the groups map's locks; a Dataverse user renames the account
        // before the Customers map takes its own (the second F&O transaction of the pass).
        world.Execute(world.Fo, "UPDATE CustomersV3 SET AddressCity = 'Redmond' WHERE CustomerAccount = 'US0001'");
        var (conflicts, errors) = SyncWithADataverseRenameBeforeTheCustomersMapsTurn(world);

        // The write carried the city, the overwritten edit the name: no conflict.
        Assert.Equal(0, conflicts);
        Assert.Empty(errors);
        Assert.Equal(("Renamed in Dataverse", "Redmond"), (world.AccountOf("US0001")!.name, world.AccountOf("US0001")!.address1_city));
        Assert.Equal(("Renamed in Dataverse", "Redmond"), (world.FoCustomerOf("US0001")!.OrganizationName, world.FoCustomerOf("US0001")!.AddressCity));
    }

    [Fact]
    public void An_edit_of_the_same_field_overwritten_during_the_pass_is_a_conflict_the_later_edit_wins()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.SyncUntilQuiet();

        // F&O renames; a Dataverse user renames too, after the pass read its heads and before the Customers map writes
        // F&O's name over it. The user's edit is the later one, so latest-wins writes it back and sends it to F&O.
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Renamed in F&O' WHERE CustomerAccount = 'US0001'");
        world.WaitForTheClock();
        var (conflicts, errors) = SyncWithADataverseRenameBeforeTheCustomersMapsTurn(world);

        Assert.Empty(errors);
        Assert.Equal(1, conflicts);
        Assert.Equal(("Renamed in Dataverse", "Renamed in Dataverse"), (world.AccountOf("US0001")!.name, world.FoCustomerOf("US0001")!.OrganizationName));
    }

    [Fact]
    public void Another_maps_write_does_not_supersede_this_maps_pending_edit()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));

        // A Dataverse rename, then a write tagged by another map on the same row: the rename still flows.
        world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Renamed' WHERE accountnumber = 'US0001'");
        var account = world.AccountOf("US0001")!;
        using (var transaction = world.Dataverse.BeginTransaction("dualwrite:SomeOtherMap#1"))
        {
            account.creditlimit = 5m;
            transaction.Update(World.Account, CustomersMap.Definition.DataverseKeyPaths, new object?[] { "USMF", "US0001" }, account, new[] { "creditlimit" });
            transaction.Commit();
        }

        world.SyncUntilQuiet();

        Assert.Equal("Renamed", world.FoCustomerOf("US0001")!.OrganizationName);
    }

    [Fact]
    public void Moving_a_synced_Dataverse_record_to_another_company_is_refused_into_the_error_list()
    {
        using var world = new World(companies: new[] { "USMF", "DEMF" });
        world.SeedGroup();
        world.SeedGroup(company: "DEMF");
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.SyncUntilQuiet();

        var demf = world.Scalar(world.Dataverse, "SELECT cdm_companyid FROM cdm_companies WHERE cdm_companycode = 'DEMF'");
        world.Execute(world.Dataverse, "UPDATE accounts SET _msdyn_company_value = $company WHERE accountnumber = 'US0001'", ("$company", demf));
        world.SyncUntilQuiet();

        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Contains("company is fixed", error.Reason);
        Assert.Null(world.FoCustomerOf("US0001", "DEMF"));
        Assert.NotNull(world.FoCustomerOf("US0001", "USMF"));
    }

    [Fact]
    public void A_record_that_left_the_filter_keeps_its_row_and_its_later_delete_flows()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));

        world.Execute(world.Fo, "UPDATE CustomersV3 SET PartyType = 'Person', OrganizationName = 'Left' WHERE CustomerAccount = 'US0001'");
        world.SyncUntilQuiet();
        Assert.Equal("Original", world.AccountOf("US0001")!.name);

        world.Execute(world.Fo, "DELETE FROM CustomersV3 WHERE CustomerAccount = 'US0001'");
        world.SyncUntilQuiet();

        Assert.Null(world.AccountOf("US0001"));
        Assert.Empty(world.Runtime.GetErrors());
    }

    [Fact]
    public void A_record_that_starts_matching_the_filter_is_created()
    {
        using var world = new World();
        world.SeedGroup();
        var person = World.Customer("US0002", "Person");
        person.PartyType = Fo.DirPartyBaseType.Person;
        world.Fo.Save(World.FoCustomer, person);
        world.SyncUntilQuiet();
        Assert.Null(world.AccountOf("US0002"));

        world.Execute(world.Fo, "UPDATE CustomersV3 SET PartyType = 'Organization' WHERE CustomerAccount = 'US0002'");
        world.SyncUntilQuiet();

        Assert.Equal("Person", world.AccountOf("US0002")!.name);
    }

    [Fact]
    public void An_edit_to_a_column_the_map_does_not_carry_made_while_paused_is_no_conflict()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.Runtime.Pause("Customers");

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Renamed in F&O' WHERE CustomerAccount = 'US0001'");
        world.WaitForTheClock();
        world.Execute(world.Dataverse, "UPDATE accounts SET address1_line1 = '1 Main St' WHERE accountnumber = 'US0001'");
        world.Runtime.SyncOnce();
        world.Runtime.Resume("Customers");
        var replay = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.Equal(0, replay.Conflicts);
        Assert.Equal("Renamed in F&O", world.AccountOf("US0001")!.name);
        Assert.Equal("1 Main St", world.Scalar(world.Dataverse, "SELECT address1_line1 FROM accounts WHERE accountnumber = 'US0001'"));
    }

    [Fact]
    public void Both_sides_changed_to_the_same_values_is_no_conflict()
    {
        // Customer groups' policy is 'fail': a record taken for a conflict would be parked.
        using var world = new World();
        world.SeedGroup();
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'Same'");
        world.Execute(world.Dataverse, "UPDATE msdyn_customergroups SET msdyn_description = 'Same'");

        var pass = world.Runtime.SyncOnce();

        Assert.Equal((0, 0), (pass.Conflicts, pass.Failed));
        Assert.Empty(world.Runtime.GetErrors());
    }

    /// <summary>
    /// Four passes of a runtime whose F&amp;O environment lets a Dataverse user rename account US0001 just before the pass's
    /// second F&amp;O transaction: after the pass read its heads, before the Customers map writes. The conflicts they
    /// counted and the error list after them.
    /// </summary>
    private static (int Conflicts, IReadOnlyList<SyncError> Errors) SyncWithADataverseRenameBeforeTheCustomersMapsTurn(World world)
    {
        var transactions = 0;
        var fo = new FlakyEnvironment(world.Fo)
        {
            BeforeTransaction = () =>
            {
                if (++transactions == 2)
                {
                    world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Renamed in Dataverse' WHERE accountnumber = 'US0001'");
                }
            },
        };
        using var runtime = new DualWriteRuntime(fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);
        var conflicts = 0;
        for (var i = 0; i < 4; i++)
        {
            conflicts += runtime.SyncOnce().Conflicts;
        }

        return (conflicts, runtime.GetErrors());
    }
}
