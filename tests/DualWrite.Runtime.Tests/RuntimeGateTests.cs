using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests;

/// <summary>The runtime's operations run one at a time: each lets the next one in, none runs once it is disposed.</summary>
public sealed class RuntimeGateTests
{
    [Fact]
    public async Task Each_operation_lets_the_next_one_in()
    {
        using var world = new World();
        // Only so that an operation left waiting fails the test instead of hanging it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await world.Runtime.PauseAsync("Customers", deadline.Token);
        await world.Runtime.SyncOnceAsync(deadline.Token);
        await world.Runtime.ResumeAsync("Customers", deadline.Token);

        Assert.Equal(MapState.Replaying, world.Runtime.GetMapState("Customers"));
    }

    [Fact]
    public async Task A_disposed_runtime_runs_no_operation()
    {
        using var world = new World();

        world.Runtime.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => world.Runtime.SyncOnceAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => world.Runtime.PauseAsync("Customers"));
    }

    [Fact]
    public async Task A_map_the_runtime_does_not_have_is_refused_by_name()
    {
        using var world = new World();

        var state = Assert.Throws<ArgumentException>(() => world.Runtime.GetMapState("Suppliers"));
        var pause = await Assert.ThrowsAsync<ArgumentException>(() => world.Runtime.PauseAsync("Suppliers"));

        Assert.Equal("The runtime has no map 'Suppliers'. (Parameter 'map')", state.Message);
        Assert.Equal(state.Message, pause.Message);
    }

    [Fact]
    public async Task Resuming_without_catch_up_needs_the_link()
    {
        using var world = new World(link: false);
        world.Runtime.Pause("Customers");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Runtime.ResumeAsync("Customers", ResumeMode.SkipDiscard));

        Assert.Equal("The environments are not linked; call Link first.", exception.Message);
        Assert.Equal(MapState.Paused, world.Runtime.GetMapState("Customers"));
    }
}
