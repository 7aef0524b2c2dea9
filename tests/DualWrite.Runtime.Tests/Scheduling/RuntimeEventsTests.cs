using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Testing;

namespace DualWrite.Runtime.Tests.Scheduling;

/// <summary>The runtime tells its subscribers (the operations page's activity log) when a map's state changes, a live pass fails and the link is made again.</summary>
public sealed class RuntimeEventsTests
{
    [Fact]
    public async Task State_changes_are_raised_with_their_reason_and_a_stop_reason_is_stored()
    {
        using var world = new World();
        var changes = new List<MapStateChangedEventArgs>();
        world.Runtime.MapStateChanged += (_, change) => changes.Add(change);

        world.Runtime.Pause("Customers");
        await world.Runtime.StopAsync("Customers", "maintenance of the ERP");
        world.Runtime.Resume("Customers");

        Assert.Equal(
            [("Customers", MapState.Running, MapState.Paused, (string?)null), ("Customers", MapState.Paused, MapState.Stopped, "maintenance of the ERP"), ("Customers", MapState.Stopped, MapState.Replaying, null)],
            changes.Select(c => (c.Map, c.From, c.To, c.Reason)));
        world.Runtime.Stop("Customers");
        Assert.Null(world.State.GetStopReason("Customers"));
        await world.Runtime.ResumeAsync("Customers");
        await world.Runtime.StopAsync("Customers", "again");
        Assert.Equal("again", world.State.GetStopReason("Customers")!.Reason);
    }

    [Fact]
    public async Task A_failed_pass_of_the_live_loop_is_raised_and_the_loop_goes_on()
    {
        using var world = new World();
        world.SeedGroup();
        var log = new CapturedLog();
        using var runtime = new DualWriteRuntime(world.Fo, world.Dataverse, new StateStoreDyingOnApply(world.State, _ => true), world.Maps, DualWriteMaps.NumberSequences, log);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var failures = new List<PassFailedEventArgs>();
        runtime.PassFailed += (_, failure) =>
        {
            failures.Add(failure);
            if (failures.Count == 2)
            {
                stop.Cancel();
            }
        };

        await runtime.RunAsync(TimeSpan.FromMilliseconds(10), stop.Token);

        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.Contains("The process died", failure.Message));
        Assert.Equal(2, log.Of(7).Count);
        Assert.All(log.Of(7), entry => Assert.Equal("The process died before the state store committed.", Assert.IsType<IOException>(entry.Exception).Message));
    }

    [Fact]
    public void A_relink_is_raised_with_its_result()
    {
        using var world = new World();
        var relinks = new List<RelinkResult>();
        world.Runtime.Relinked += (_, relink) => relinks.Add(relink);

        var result = world.Runtime.Relink(["USMF", "DEMF"]);

        Assert.Equal(result, Assert.Single(relinks));
        Assert.Equal(["USMF", "DEMF"], relinks[0].Link.Companies);
    }
}
