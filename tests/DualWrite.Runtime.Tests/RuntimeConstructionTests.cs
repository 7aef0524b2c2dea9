using System;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;

namespace DualWrite.Runtime.Tests;

/// <summary>What the runtime refuses to be built from, and what it takes over from a state store that was linked before.</summary>
public sealed class RuntimeConstructionTests
{
    [Theory]
    [InlineData(0, 100, 5_000, "Chunk sizes must be at least 1; got staging 0, replay 100.")]
    [InlineData(100, 0, 5_000, "Chunk sizes must be at least 1; got staging 100, replay 0.")]
    [InlineData(1, 1, 0, "The changes per pass must be at least 1; got 0.")]
    public void Options_out_of_range_are_refused_with_the_reason(int stagingChunk, int replayChunk, int changesPerPass, string reason)
    {
        using var world = new World(link: false);
        var options = new DualWriteRuntimeOptions { StagingChunkSize = stagingChunk, ReplayChunkSize = replayChunk, MaxChangesPerPass = changesPerPass };

        var exception = Assert.Throws<ArgumentException>(() => new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: options));

        Assert.Equal(reason, exception.Message);
    }

    [Fact]
    public void Chunks_and_changes_per_pass_of_one_are_taken()
    {
        using var world = new World(link: false);
        var options = new DualWriteRuntimeOptions { StagingChunkSize = 1, ReplayChunkSize = 1, MaxChangesPerPass = 1 };

        using var runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: options);

        Assert.Equal(world.Maps.Count, runtime.Maps.Count);
    }

    [Fact]
    public void Every_problem_of_the_options_is_named_in_one_message()
    {
        using var world = new World(link: false);
        var options = new DualWriteRuntimeOptions { MaxChangesPerPass = 0, HistoryRetention = TimeSpan.Zero };

        var exception = Assert.Throws<ArgumentException>(() => new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: options));

        Assert.Equal("The changes per pass must be at least 1; got 0. The history retention must be positive; got 00:00:00.", exception.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Environments_given_on_the_wrong_side_are_refused(bool twoOfDataverse)
    {
        using var world = new World(link: false);
        var (fo, dataverse) = twoOfDataverse ? (world.Dataverse, world.Dataverse) : (world.Fo, world.Fo);

        var exception = Assert.Throws<ArgumentException>(() => new DualWriteRuntime(fo, dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences));

        Assert.Equal($"Expected an F&O and a Dataverse environment, got {fo.Side} and {dataverse.Side}.", exception.Message);
    }

    [Fact]
    public void A_map_given_twice_is_refused_by_name()
    {
        using var world = new World(link: false);
        var maps = world.Maps.Append(world.Maps.Single(m => m.Name == "Customers"));

        var exception = Assert.Throws<ArgumentException>(() => new DualWriteRuntime(world.Fo, world.Dataverse, world.State, maps, DualWriteMaps.NumberSequences));

        Assert.StartsWith("Map 'Customers' is given more than once.", exception.Message);
    }

    [Fact]
    public void A_runtime_over_a_linked_state_store_syncs_the_companies_it_was_linked_with()
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);

        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        var pass = world.Runtime.SyncOnce();

        Assert.Equal(1, pass.Synced);
        Assert.Equal("Litware", world.AccountOf("US0001")!.name);
    }
}
