using System.Linq;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// A pass with changes on one side reads them a page (1,000 changes) at a time: what a record's earlier changes decided
/// (a failure that blocks the record, a live save that supersedes them) must hold across pages.
/// </summary>
public sealed class LargePassTests
{
    [Fact]
    public void A_failure_blocks_its_records_later_changes_in_later_pages_while_other_records_flow()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Fabrikam"));
        SyncUntilIdle(world);

        // 1,500 renames alternating between the two records; the 101st of US0001 names a group Dataverse lacks.
        for (var i = 0; i < 750; i++)
        {
            var group = i == 100 ? ", CustomerGroupId = '77'" : string.Empty;
            world.Execute(world.Fo, $"UPDATE CustomersV3 SET OrganizationName = 'Litware {i}'{group} WHERE CustomerAccount = 'US0001'");
            world.Execute(world.Fo, $"UPDATE CustomersV3 SET OrganizationName = 'Fabrikam {i}' WHERE CustomerAccount = 'US0002'");
        }

        var pass = world.Runtime.SyncOnce();

        Assert.Equal((1_500, 1, 649), (pass.Read, pass.Failed, pass.Queued));
        Assert.Equal(850, pass.Synced);
        Assert.Equal("Litware 99", world.AccountOf("US0001")!.name);
        Assert.Equal("Fabrikam 749", world.AccountOf("US0002")!.name);
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(("USMF|US0001", ChangeOperation.Update, 649), (error.RecordKey, error.Operation, error.WaitingChanges));
    }

    [Fact]
    public void A_live_save_in_a_later_page_supersedes_the_records_changes_in_earlier_pages()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        SyncUntilIdle(world);
        for (var i = 0; i < 1_200; i++)
        {
            world.Execute(world.Fo, $"UPDATE CustomersV3 SET OrganizationName = 'Litware {i}' WHERE CustomerAccount = 'US0001'");
        }

        var saved = world.FoCustomerOf("US0001")!;
        saved.OrganizationName = "Litware Saved";
        world.Runtime.Save(saved);
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware After' WHERE CustomerAccount = 'US0001'");

        var pass = world.Runtime.SyncOnce();

        // F&O: the 1,200 renames, the save and the rename after it; Dataverse: the save's write. The renames before the
        // save are skipped (the save carried the record), the save's writes too; the rename after it flows.
        Assert.Equal((1_203, 1_202, 1), (pass.Read, pass.Skipped, pass.Synced));
        Assert.Equal("Litware After", world.AccountOf("US0001")!.name);
    }

    // The pass after a write reads that write's echo back; the tests' passes start from quiet change logs.
    private static void SyncUntilIdle(World world)
    {
        while (world.Runtime.SyncOnce().Read > 0)
        {
        }
    }
}
