using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// A crash between the environments' commit and the state store's: the next pass reads again the changes the crashed
/// pass already wrote. They must count as written, whether the pass sees changes on one side only or on both.
/// (CustomerGroups' conflict policy is <c>fail</c>, so a change taken for unwritten would park the record.)
/// </summary>
public sealed class CrashRecoveryTagTests
{
    [Fact]
    public void An_edit_on_the_target_after_the_crash_flows_back_without_a_conflict()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition });
        world.SeedGroup();
        world.SyncUntilQuiet();
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'From F&O'");
        CrashAfterTheEnvironmentsCommitted(world);
        Assert.Equal("From F&O", world.Dataverse.Query(World.DataverseGroup).Single().msdyn_description);

        world.Execute(world.Dataverse, "UPDATE msdyn_customergroups SET msdyn_description = 'Edited in Dataverse'");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((0, 0, 1), (pass.Conflicts, pass.Failed, pass.Synced));
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal("Edited in Dataverse", world.Fo.Query(World.FoGroup).Single().Description);
        Assert.Equal("Edited in Dataverse", world.Dataverse.Query(World.DataverseGroup).Single().msdyn_description);
    }

    [Fact]
    public void An_edit_on_the_target_after_a_crash_of_several_changes_flows_back_without_a_conflict()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition });
        world.SeedGroup();
        world.SyncUntilQuiet();
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'Version 2'");
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'Version 3'");
        CrashAfterTheEnvironmentsCommitted(world);

        world.Execute(world.Dataverse, "UPDATE msdyn_customergroups SET msdyn_description = 'Edited in Dataverse'");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((0, 0, 1), (pass.Conflicts, pass.Failed, pass.Synced));
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal("Edited in Dataverse", world.Fo.Query(World.FoGroup).Single().Description);
    }

    [Fact]
    public void With_no_edit_after_the_crash_the_changes_read_again_are_skipped_not_applied_again()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition });
        world.SeedGroup();
        world.SyncUntilQuiet();
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'Version 2'");
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'Version 3'");
        CrashAfterTheEnvironmentsCommitted(world);
        var dataverseHead = world.Dataverse.GetHead();

        var pass = world.Runtime.SyncOnce();

        // Two F&O changes read again and the two writes they made: all four skipped, none applied a second time.
        Assert.Equal((4, 0, 0, 4), (pass.Read, pass.Synced, pass.Unchanged, pass.Skipped));
        Assert.Equal(dataverseHead, world.Dataverse.GetHead());
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal(0, world.Runtime.SyncOnce().Read);
    }

    // The process dies after both environments committed the CustomerGroups pass and before the state store did.
    private static void CrashAfterTheEnvironmentsCommitted(World world)
    {
        var dying = new StateStoreDyingOnApply(world.State, update => update.Cursors.Any(c => c.Map == CustomerGroupsMap.Name));
        using var crashing = new DualWriteRuntime(world.Fo, world.Dataverse, dying, world.Maps, DualWriteMaps.NumberSequences);
        Assert.Throws<IOException>(() => crashing.SyncOnce());
    }
}
