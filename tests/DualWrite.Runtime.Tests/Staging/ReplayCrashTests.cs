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

        var dying = new StateStoreDyingOnReplay(world.State);
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

    /// <summary>A state store whose process dies when the runtime stores the outcome of a replay chunk.</summary>
    private sealed class StateStoreDyingOnReplay : IStateStore
    {
        private readonly IStateStore _inner;

        public StateStoreDyingOnReplay(IStateStore inner) => _inner = inner;

        public EnvironmentLink? GetLink() => _inner.GetLink();

        public void SetLink(EnvironmentLink? link) => _inner.SetLink(link);

        public void Reset() => _inner.Reset();

        public MapState GetMapState(string map) => _inner.GetMapState(map);

        public void SetMapState(string map, MapState state) => _inner.SetMapState(map, state);

        public long? GetCursor(string map, Side side) => _inner.GetCursor(map, side);

        public IReadOnlyList<CursorMove> GetCursors() => _inner.GetCursors();

        public IReadOnlyCollection<string> GetBlockedRecords(string map) => _inner.GetBlockedRecords(map);

        public IReadOnlyList<SyncError> GetErrors() => _inner.GetErrors();

        public IReadOnlyList<SyncError> GetErrors(ErrorFilter filter) => _inner.GetErrors(filter);

        public IReadOnlyList<PendingChange> GetRecordQueue(string map, string recordKey) => _inner.GetRecordQueue(map, recordKey);

        public PendingChange? GetPendingChange(long id) => _inner.GetPendingChange(id);

        public IReadOnlyList<StagedChange> ReadStaged(string map, int limit) => _inner.ReadStaged(map, limit);

        public long CountStaged(string map) => _inner.CountStaged(map);

        public IReadOnlyList<StagedChange> GetStagedRecord(string map, string recordKey) => _inner.GetStagedRecord(map, recordKey);

        public IReadOnlyList<StagedChange> FindStaged(string map, Side side, long fromSequence, long throughSequence) => _inner.FindStaged(map, side, fromSequence, throughSequence);

        public void Apply(StateUpdate update)
        {
            if (update.Unstaged.Count > 0 && update.Staged.Count == 0)
            {
                throw new IOException("The process died before the state store committed.");
            }

            _inner.Apply(update);
        }

        public void Dispose()
        {
        }
    }
}
