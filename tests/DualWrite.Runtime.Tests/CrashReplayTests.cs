using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests;

public sealed class CrashReplayTests
{
    [Fact]
    public void Changes_read_again_after_a_crash_between_the_target_commit_and_the_state_store_are_not_applied_twice()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Version 1"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Version 2'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Version 3'");
        var dataverseHead = world.Dataverse.GetHead();

        // The process dies after both environments committed the pass and before the state store did.
        using (var crashing = new DualWriteRuntime(world.Fo, world.Dataverse, DyingOnCustomersPass(world.State), world.Maps, DualWriteMaps.NumberSequences))
        {
            Assert.Throws<IOException>(() => crashing.SyncOnce());
        }

        Assert.Equal("Version 3", world.AccountOf("US0001")!.name);
        var afterCrash = world.Dataverse.GetHead();
        var replay = world.Runtime.SyncOnce();

        Assert.Equal(0, replay.Synced);
        Assert.Equal(afterCrash, world.Dataverse.GetHead());
        Assert.Equal(
            new[] { "Version 2", "Version 3" },
            world.Dataverse.ReadChanges("accounts", dataverseHead, world.Dataverse.GetHead()).Select(c => NameOf(c.Image)));
        world.SyncUntilQuiet();
        Assert.Equal("Version 3", world.FoCustomerOf("US0001")!.OrganizationName);
    }

    [Fact]
    public void A_change_that_failed_in_the_crashed_pass_fails_again_and_keeps_its_place()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Version 1"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Version 2'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET CustomerGroupId = '77'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Version 3'");

        using (var crashing = new DualWriteRuntime(world.Fo, world.Dataverse, DyingOnCustomersPass(world.State), world.Maps, DualWriteMaps.NumberSequences))
        {
            Assert.Throws<IOException>(() => crashing.SyncOnce());
        }

        var replay = world.Runtime.SyncOnce();

        Assert.Equal((0, 1, 1), (replay.Synced, replay.Failed, replay.Queued));
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Contains("'77'", error.Reason);
        Assert.Equal(1, error.WaitingChanges);
        Assert.Equal("Version 2", world.AccountOf("US0001")!.name);
    }

    private static string? NameOf(string image) => System.Text.Json.JsonDocument.Parse(image).RootElement.GetProperty("name").GetString();

    // Dies when the runtime stores the outcome of a Customers pass.
    private static StateStoreDyingOnApply DyingOnCustomersPass(IStateStore inner) =>
        new(inner, update => update.Cursors.Any(c => c.Map == CustomersMap.Name));
}
