using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.State;
using DualWrite.Testing;
using Xunit.Abstractions;
using static DualWrite.Runtime.Tests.Passes.CappedWorld;

namespace DualWrite.Runtime.Tests.Passes;

/// <summary>
/// What a live pass holds when it commits does not grow with the backlog once the pass is capped. Measured when the state
/// store commits a pass's update, which then holds each change the pass dealt with (its history entry); the embedded
/// environments hold little per write, an HTTP transaction holds each change's located row and write as well. The whole
/// managed heap is measured, so the test runs alone.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class PassCapMemoryTests
{
    private readonly ITestOutputHelper _output;

    public PassCapMemoryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void What_a_capped_pass_holds_at_its_commit_does_not_grow_with_the_backlog()
    {
        var small = HeldAtCommit(5_000);
        var large = HeldAtCommit(20_000);

        _output.WriteLine($"Held at a pass's commit: {small:N0} bytes with 5,000 changes, {large:N0} with 20,000 (cap 1,000).");

        // Uncapped, the 15,000 more changes' history entries alone would add several MB.
        Assert.True(large < small + (2L << 20), $"A pass held {large:N0} bytes at its commit with 20,000 changes and {small:N0} with 5,000.");
    }

    private static long HeldAtCommit(int changes)
    {
        using var world = Create(1_000, CustomerGroupsMap.Definition);
        OnFo(world, Enumerable.Range(0, changes).Select(i => InsertGroup(i, "Customer group number " + i)));
        var measuring = new MeasuringStateStore(world.State);
        world.Runtime.Dispose();
        world.Runtime = CappedWorld.Runtime(world, 1_000, measuring, recordHistory: true);

        measuring.Baseline = GC.GetTotalMemory(forceFullCollection: true);
        for (var passes = 0; world.Runtime.SyncOnce().Read > 0; passes++)
        {
            Assert.True(passes < changes / 1_000 * 2, "The backlog did not drain.");
        }

        Assert.Equal(changes, WrittenToDataverse(world).Count);
        return measuring.Held.Max();
    }

    /// <summary>Measures the managed heap above <see cref="Baseline"/> each time a pass's update is stored, before storing it.</summary>
    private sealed class MeasuringStateStore(IStateStore inner) : ForwardingStateStore(inner)
    {
        public long Baseline { get; set; }

        public List<long> Held { get; } = new();

        public override void Apply(StateUpdate update)
        {
            Held.Add(GC.GetTotalMemory(forceFullCollection: true) - Baseline);
            base.Apply(update);
        }
    }
}
