using System;
using System.Threading;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using Xunit.Abstractions;
using static DualWrite.Runtime.Tests.InitialSyncWorld;

namespace DualWrite.Runtime.Tests.Staging;

/// <summary>Staging holds one chunk in memory however long the backlog: the managed heap stays within a bound far below the backlog's size.</summary>
public sealed class StagingMemoryTests
{
    private readonly ITestOutputHelper _output;

    public StagingMemoryTests(ITestOutputHelper output) => _output = output;

    [LargeFact]
    public void A_million_staged_changes_keep_memory_flat() => Stage(1_000_000, chunk: 10_000, peakBoundMb: 200, replay: false);

    [Fact]
    public void Staging_a_backlog_in_chunks_keeps_memory_flat_and_replays_it_all() => Stage(30_000, chunk: 2_000, peakBoundMb: 100, replay: true);

    // The million-change test stages only: replaying it too would double a test that already takes minutes, and the
    // replay reads the same chunks (the benchmark measures it).
    private void Stage(int changes, int chunk, long peakBoundMb, bool replay)
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        SeedGroupOnBothSides(world);
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, options: new DualWriteRuntimeOptions { StagingChunkSize = chunk, ReplayChunkSize = chunk });
        world.Runtime.Pause(CustomersMap.Name);
        InsertFoCustomers(world, changes);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                Thread.Sleep(5);
            }
        });
        sampler.Start();

        var staged = world.Runtime.SyncOnce();
        sampling.Cancel();
        sampler.Join();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;

        Assert.Equal(changes, staged.Staged);
        Assert.Equal(changes, world.State.CountStaged(CustomersMap.Name));
        _output.WriteLine($"{changes:N0} staged; peak managed growth {peak / (1024 * 1024)} MB, retained {retained / (1024 * 1024)} MB");
        Assert.InRange(peak, long.MinValue, peakBoundMb * 1024 * 1024);
        Assert.InRange(retained, long.MinValue, 16L * 1024 * 1024);
        if (!replay)
        {
            return;
        }

        world.Runtime.Resume(CustomersMap.Name);
        var replayed = world.Runtime.SyncOnce();
        Assert.Equal((changes, changes), (replayed.Replayed, replayed.Synced));
        Assert.Equal(changes, Count(world, world.Dataverse, "SELECT COUNT(*) FROM accounts"));
    }
}
