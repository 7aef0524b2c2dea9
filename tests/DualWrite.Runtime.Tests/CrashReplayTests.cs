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
        using (var crashing = new DualWriteRuntime(world.Fo, world.Dataverse, new StateStoreDyingOnApply(world.State), world.Maps, DualWriteMaps.NumberSequences))
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

        using (var crashing = new DualWriteRuntime(world.Fo, world.Dataverse, new StateStoreDyingOnApply(world.State), world.Maps, DualWriteMaps.NumberSequences))
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

    /// <summary>A state store whose process dies when the runtime stores the outcome of a Customers pass.</summary>
    private sealed class StateStoreDyingOnApply : IStateStore
    {
        private readonly IStateStore _inner;

        public StateStoreDyingOnApply(IStateStore inner) => _inner = inner;

        public EnvironmentLink? GetLink() => _inner.GetLink();

        public void SetLink(EnvironmentLink? link) => _inner.SetLink(link);

        public void Reset() => _inner.Reset();

        public MapState GetMapState(string map) => _inner.GetMapState(map);

        public void SetMapState(string map, MapState state) => _inner.SetMapState(map, state);

        public long? GetCursor(string map, Side side) => _inner.GetCursor(map, side);

        public IReadOnlyList<CursorMove> GetCursors() => _inner.GetCursors();

        public IReadOnlyCollection<string> GetBlockedRecords(string map) => _inner.GetBlockedRecords(map);

        public IReadOnlyList<SyncError> GetErrors() => _inner.GetErrors();

        public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey) => _inner.GetRecordQueue(map, recordKey);

        public PendingChange? GetPendingChange(long id) => _inner.GetPendingChange(id);

        public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => _inner.GetErrors(filter);

        public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) => _inner.ReadStaged(map, limit);

        public long CountStaged(string map) => _inner.CountStaged(map);

        public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) => _inner.GetStagedRecord(map, recordKey);

        public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) => _inner.FindStaged(map, side, fromSequence, throughSequence);

        public void Apply(StateUpdate update)
        {
            if (update.Cursors.All(c => c.Map != CustomersMap.Name))
            {
                _inner.Apply(update);
            }
            else
            {
                throw new IOException("The process died before the state store committed.");
            }
        }

        public void Dispose()
        {
        }
    }
}
