using System;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests.Staging;

public sealed class StagingTests
{
    [Fact]
    public void A_paused_map_stages_durably_and_a_resume_replays_every_version_in_order()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "NameA"));
        world.SyncUntilQuiet();

        world.Runtime.Pause(CustomersMap.Name);
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'NameB' WHERE CustomerAccount = 'US0001'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'NameC' WHERE CustomerAccount = 'US0001'");
        var staging = world.Runtime.SyncOnce();

        Assert.Equal(2, staging.Staged);
        Assert.Equal(2, world.State.CountStaged(CustomersMap.Name));
        Assert.Equal(world.Fo.GetHead(), world.State.GetCursor(CustomersMap.Name, Side.Fo));
        Assert.Equal("NameA", world.AccountOf("US0001")!.name);

        // A new runtime on the same files: the staging queue survived, and the resume replays it.
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);
        world.Runtime.Resume(CustomersMap.Name);
        Assert.Equal(MapState.Replaying, world.Runtime.GetMapState(CustomersMap.Name));
        var replay = world.Runtime.SyncOnce();

        Assert.Equal((2, 2), (replay.Replayed, replay.Synced));
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        Assert.Equal(0, world.State.CountStaged(CustomersMap.Name));
        Assert.Equal(new[] { "NameA", "NameB", "NameC" }, TargetLog.WrittenToDataverse(world.Dataverse, "US0001").Select(w => w.Name));
        world.SyncUntilQuiet();
        Assert.Equal("NameC", world.FoCustomerOf("US0001")!.OrganizationName);
    }

    [Fact]
    public void Changes_that_arrive_during_the_replay_are_staged_behind_and_the_map_turns_running_with_nothing_lost()
    {
        using var world = new World();
        world.SeedGroup();
        var fo = new FlakyEnvironment(world.Fo);
        world.Runtime = new DualWriteRuntime(fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { ReplayChunkSize = 2, StagingChunkSize = 3 });
        world.Runtime.Pause(CustomersMap.Name);
        for (var i = 1; i <= 5; i++)
        {
            world.Fo.Save(World.FoCustomer, World.Customer($"US{i:0000}", "v0"));
        }

        world.Runtime.SyncOnce();
        world.Runtime.Resume(CustomersMap.Name);

        // Another writer commits just before each transaction of the replay takes its locks.
        var version = 0;
        fo.BeforeTransaction = () =>
        {
            version++;
            world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = $name WHERE CustomerAccount = 'US0001'", ("$name", "v" + version));
        };
        world.Runtime.SyncOnce();
        fo.BeforeTransaction = null;
        world.SyncUntilQuiet();

        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        var written = TargetLog.WrittenToDataverse(world.Dataverse, "US0001").Select(w => w.Name).ToList();
        Assert.Equal(Enumerable.Range(0, version + 1).Select(v => "v" + v), written);
        Assert.Equal("v" + version, world.AccountOf("US0001")!.name);
        Assert.All(Enumerable.Range(2, 4), i => Assert.Equal("v0", world.AccountOf($"US{i:0000}")!.name));
    }

    [Fact]
    public void A_failed_replayed_change_blocks_only_its_record_and_lists_every_field()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Pause(CustomersMap.Name);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Blocked", group: "99"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Waits' WHERE CustomerAccount = 'US0001'");
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Flows"));
        world.Runtime.SyncOnce();

        world.Runtime.Resume(CustomersMap.Name);
        var replay = world.Runtime.SyncOnce();

        Assert.Equal((1, 1), (replay.Failed, replay.Queued));
        Assert.Equal("Flows", world.AccountOf("US0002")!.name);
        Assert.Null(world.AccountOf("US0001"));
        var error = Assert.Single(world.Runtime.GetErrors(new ErrorFilter(Map: CustomersMap.Name, RecordKey: "usmf|us0001")));
        Assert.Equal((SyncErrorKind.Lookup, 1, 1, ChangeOperation.Insert, Side.Fo), (error.Kind, error.Attempts, error.WaitingChanges, error.Operation, error.Side));
        Assert.Contains("Blocked", error.Payload);
        Assert.Contains("99", error.Reason);
        Assert.Equal(error.FirstFailedAt, error.FailedAt);

        Assert.Equal(0, world.Runtime.Retry(ErrorFilter.All));
        error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(2, error.Attempts);
        Assert.True(error.FailedAt >= error.FirstFailedAt);

        world.Fo.Save(World.FoGroup, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "99", Description = "Late" });
        world.Runtime.SyncOnce();
        Assert.Equal(1, world.Runtime.Retry(new ErrorFilter(Map: CustomersMap.Name)));

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal(new[] { "Blocked", "Waits" }, TargetLog.WrittenToDataverse(world.Dataverse, "US0001").Select(w => w.Name));
    }

    [Fact]
    public void A_record_edited_on_both_sides_while_paused_is_settled_by_the_maps_policy()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Start"));
        world.SyncUntilQuiet();
        world.Runtime.Pause(CustomersMap.Name);

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Fo edit' WHERE CustomerAccount = 'US0001'");

        // Within the same millisecond the edits would tie, and F&O wins a tie.
        world.WaitForTheClock();
        world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Dataverse edit' WHERE accountnumber = 'US0001'");
        world.Runtime.SyncOnce();
        world.Runtime.Resume(CustomersMap.Name);
        var replay = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        // latest-wins: the Dataverse edit came last.
        Assert.Equal(1, replay.Conflicts);
        Assert.Equal("Dataverse edit", world.FoCustomerOf("US0001")!.OrganizationName);
        Assert.Equal("Dataverse edit", world.AccountOf("US0001")!.name);
    }

    [Fact]
    public void A_stopped_map_neither_syncs_nor_stages_and_its_cursors_stay()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Stop(CustomersMap.Name);
        var cursor = world.State.GetCursor(CustomersMap.Name, Side.Fo);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Waits"));

        world.Runtime.SyncOnce();

        Assert.Equal(cursor, world.State.GetCursor(CustomersMap.Name, Side.Fo));
        Assert.Equal(0, world.State.CountStaged(CustomersMap.Name));
        Assert.Null(world.AccountOf("US0001"));

        world.Runtime.Resume(CustomersMap.Name);
        world.Runtime.SyncOnce();
        Assert.Equal("Waits", world.AccountOf("US0001")!.name);
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
    }

    [Fact]
    public void Errors_stay_without_a_retention_setting_and_expire_with_one()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Blocked", group: "99"));
        world.Runtime.SyncOnce();
        world.Runtime.SyncOnce();
        Assert.Single(world.Runtime.GetErrors());

        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { ErrorRetention = TimeSpan.FromTicks(1) });
        world.Runtime.SyncOnce();

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Null(world.AccountOf("US0001"));
    }
}
