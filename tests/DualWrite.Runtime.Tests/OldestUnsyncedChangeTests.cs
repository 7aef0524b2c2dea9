using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// The lag figure: when the oldest change a map has not written yet was committed, over the staging queue and the
/// ordinary changes after each cursor, never the runtime's own writes.
/// </summary>
public sealed class OldestUnsyncedChangeTests
{
    [Fact]
    public async Task A_caught_up_map_has_no_oldest_change_even_with_its_own_writes_not_yet_read_back()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        var dataverseHead = world.Dataverse.GetHead();
        world.Runtime.SyncOnce();
        Assert.NotEmpty(world.Dataverse.ReadChanges("accounts", dataverseHead, world.Dataverse.GetHead()));

        Assert.Null(await world.Runtime.GetOldestUnsyncedChangeAsync("Customers"));
    }

    [Fact]
    public async Task The_oldest_is_the_first_ordinary_change_after_the_cursor_on_whichever_side_is_older()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.SyncUntilQuiet();

        var foChange = Saved(world.Fo, "CustomersV3", () => world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Inc' WHERE CustomerAccount = 'US0001'"));
        world.WaitForTheClock();
        Saved(world.Fo, "CustomersV3", () => world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Ltd' WHERE CustomerAccount = 'US0001'"));
        world.WaitForTheClock();
        var dataverseChange = Saved(world.Dataverse, "accounts", () => world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Fabrikam")));

        Assert.True(foChange < dataverseChange);
        Assert.Equal(foChange, await world.Runtime.GetOldestUnsyncedChangeAsync("Customers"));
    }

    [Fact]
    public async Task An_older_change_on_Dataverse_is_the_oldest_and_a_later_one_on_FO_does_not_replace_it()
    {
        using var world = new World();
        world.SeedGroup();

        var dataverseChange = Saved(world.Dataverse, "accounts", () => world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Fabrikam")));
        world.WaitForTheClock();
        var foChange = Saved(world.Fo, "CustomersV3", () => world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware")));

        Assert.True(dataverseChange < foChange);
        Assert.Equal(dataverseChange, await world.Runtime.GetOldestUnsyncedChangeAsync("Customers"));
    }

    [Fact]
    public async Task A_paused_maps_oldest_is_the_head_of_its_staging_queue()
    {
        using var world = new World();
        world.SeedGroup();
        await world.Runtime.PauseAsync("Customers");
        var staged = Saved(world.Fo, "CustomersV3", () => world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware")));
        world.Runtime.SyncOnce();
        Assert.Equal(1, world.Runtime.GetStagedCount("Customers"));
        world.WaitForTheClock();
        Saved(world.Fo, "CustomersV3", () => world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Adatum")));

        Assert.Equal(staged, await world.Runtime.GetOldestUnsyncedChangeAsync("Customers"));
    }

    [Fact]
    public async Task A_map_without_cursors_counts_nothing_from_the_change_logs()
    {
        using var world = new World(link: false);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));

        Assert.Null(await world.Runtime.GetOldestUnsyncedChangeAsync("Customers"));
    }

    /// <summary>Runs <paramref name="save"/> and returns when the one change it logged on <paramref name="entitySet"/> was committed.</summary>
    private static DateTimeOffset Saved(EmbeddedEnvironment environment, string entitySet, Action save)
    {
        var head = environment.GetHead();
        save();
        return Assert.Single(environment.ReadChanges(entitySet, head, environment.GetHead())).ChangedAt;
    }
}
