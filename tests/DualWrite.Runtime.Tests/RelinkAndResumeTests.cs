using System;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests;

/// <summary>Relink never drops staged changes unasked and keeps paused and stopped maps as they are; resume without catch-up.</summary>
public sealed class RelinkAndResumeTests
{
    [Fact]
    public void Relink_refuses_while_changes_are_staged_and_drops_them_only_when_told_and_says_how_many()
    {
        using var world = PausedWithChanges();
        Assert.Equal(1, world.Runtime.GetStagedCount(CustomersMap.Name));

        var refused = Assert.Throws<InvalidOperationException>(() => world.Runtime.Relink());
        Assert.Contains("1 change(s) are staged", refused.Message);
        Assert.Equal(1, world.Runtime.GetStagedCount(CustomersMap.Name));

        var relinked = world.Runtime.Relink(dropStaged: true);

        Assert.Equal(1, relinked.DroppedStaged);
        Assert.Equal(0, world.Runtime.GetStagedCount(CustomersMap.Name));
        Assert.Equal(MapState.Paused, world.Runtime.GetMapState(CustomersMap.Name));
    }

    [Fact]
    public void Relink_keeps_stopped_maps_stopped()
    {
        using var world = new World();
        world.Runtime.Stop(VendorsMap.Name);
        var reason = new MapStopReason("host preflight: a column is gone", new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
        world.State.SetStopReason(VendorsMap.Name, reason);

        world.Runtime.Relink();

        Assert.Equal(MapState.Stopped, world.Runtime.GetMapState(VendorsMap.Name));
        Assert.Equal(reason, world.State.GetStopReason(VendorsMap.Name));
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
    }

    [Fact]
    public void Resume_skipping_and_discarding_runs_live_at_once_and_drops_what_was_gathered()
    {
        using var world = PausedWithChanges();

        var dropped = world.Runtime.Resume(CustomersMap.Name, ResumeMode.SkipDiscard);
        world.SyncUntilQuiet();

        Assert.Equal(2, dropped);
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        Assert.Equal("Original", world.AccountOf("US0001")!.name);
        Assert.Empty(world.Runtime.GetErrors());

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Live'");
        world.SyncUntilQuiet();
        Assert.Equal("Live", world.AccountOf("US0001")!.name);
    }

    [Fact]
    public void Resume_skipping_and_keeping_moves_what_was_gathered_to_the_error_list_for_retry()
    {
        using var world = PausedWithChanges();

        var setAside = world.Runtime.Resume(CustomersMap.Name, ResumeMode.SkipKeepForRetry);
        world.SyncUntilQuiet();

        Assert.Equal(2, setAside);
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        Assert.Equal("Original", world.AccountOf("US0001")!.name);
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(SyncErrorKind.Skipped, error.Kind);

        Assert.True(world.Runtime.Retry(error.Id));
        Assert.Equal("Still in the log", world.AccountOf("US0001")!.name);
    }

    /// <summary>US0001 synced, then Customers paused with one change staged and one still in the F&amp;O change log.</summary>
    private static World PausedWithChanges()
    {
        var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.Runtime.Pause(CustomersMap.Name);
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Staged'");
        world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Still in the log'");
        return world;
    }
}
