using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests.Staging;

/// <summary>
/// The process dies after a replay chunk's writes committed in the environments and before the state store took the
/// chunk off the queue. The next pass finds the chunk's tagged writes in the target's change log and takes what they
/// carried off the queue: nothing is applied twice.
/// </summary>
public sealed class ReplayCrashTests
{
    [Fact]
    public void A_crash_between_the_environments_commit_and_the_state_stores_applies_nothing_twice()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Pause(CustomersMap.Name);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "NameA"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'NameB' WHERE CustomerAccount = 'US0001'");
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Other"));
        world.Runtime.SyncOnce();
        world.Runtime.Resume(CustomersMap.Name);

        // Dies when the runtime stores the outcome of a replay chunk (it takes changes off the queue and stages none).
        var dying = new StateStoreDyingOnApply(world.State, update => update.Unstaged.Count > 0 && update.Staged.Count == 0);
        using (var crashing = new DualWriteRuntime(world.Fo, world.Dataverse, dying, world.Maps, DualWriteMaps.NumberSequences))
        {
            Assert.Throws<IOException>(() => crashing.SyncOnce());
        }

        Assert.Equal("NameB", world.AccountOf("US0001")!.name);
        Assert.Equal(3, world.State.CountStaged(CustomersMap.Name));

        // Meanwhile a new change arrives; it must flow after the recovered ones.
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'NameC' WHERE CustomerAccount = 'US0001'");
        world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        Assert.Equal(new[] { "NameA", "NameB", "NameC" }, TargetLog.WrittenToDataverse(world.Dataverse, "US0001").Select(w => w.Name));
        Assert.Equal(new[] { "Other" }, TargetLog.WrittenToDataverse(world.Dataverse, "US0002").Select(w => w.Name));
    }
}
