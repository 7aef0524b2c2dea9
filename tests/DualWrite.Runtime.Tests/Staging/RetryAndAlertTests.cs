using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Engine.Retries;
using DualWrite.Runtime.Engine.Scheduling;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using DualWrite.Testing;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests.Staging;

public sealed class RetryAndAlertTests
{
    private static RetryPolicy Tiny => new() { Attempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(4) };

    [Fact]
    public void A_transient_failure_is_retried_before_it_counts()
    {
        using var world = new World();
        world.SeedGroup();
        var dataverse = new FlakyEnvironment(world.Dataverse);
        var alerts = new List<AlertRaisedEventArgs>();
        world.Runtime = new DualWriteRuntime(world.Fo, dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { Retry = Tiny });
        world.Runtime.AlertRaised += (_, alert) => alerts.Add(alert);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "After two timeouts"));

        dataverse.FailuresLeft = 2;
        world.Runtime.SyncOnce();

        Assert.Equal(2, dataverse.Failures);
        Assert.Equal("After two timeouts", world.AccountOf("US0001")!.name);
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
        Assert.Empty(alerts);
    }

    [Fact]
    public void A_target_that_stays_unreachable_pauses_the_map_raises_an_alert_and_staging_continues()
    {
        using var world = new World();
        world.SeedGroup();
        var dataverse = new FlakyEnvironment(world.Dataverse);
        var alerts = new List<AlertRaisedEventArgs>();
        var changes = new List<MapStateChangedEventArgs>();
        var log = new CapturedLog();
        world.Runtime = new DualWriteRuntime(world.Fo, dataverse, world.State, new IDualWriteMap[] { ProductsMap.Definition }, loggerFactory: log, options: new DualWriteRuntimeOptions { Retry = Tiny });
        world.Runtime.AlertRaised += (_, alert) => alerts.Add(alert);
        world.Runtime.MapStateChanged += (_, change) => changes.Add(change);
        dataverse.Down = true;
        world.Execute(world.Fo, "INSERT INTO ProductsV2 (ProductNumber, ProductName, ProductType) VALUES ('P1', 'Bolt', 'Item')");

        world.Runtime.SyncOnce();

        Assert.Equal(MapState.Paused, world.Runtime.GetMapState(ProductsMap.Name));
        var alert = Assert.Single(alerts);
        const string Message = "Map Products was paused: Dataverse is unreachable (simulated). Its changes are staged; resume it when the environment is back.";
        Assert.Equal((ProductsMap.Name, SyncErrorKind.Unavailable, 3, AlertAction.Pause, Message), (alert.Map, alert.Kind, alert.Failures, alert.Action, alert.Message));
        Assert.Equal("alert: " + Message, Assert.Single(changes).Reason);
        Assert.Equal($"Alert for map Products: 3 Unavailable failures within 00:00:00; action Pause: {Message}", Assert.Single(log.Of(9)).Message);

        world.Execute(world.Fo, "UPDATE ProductsV2 SET ProductName = 'Screw'");
        world.Runtime.SyncOnce();
        Assert.Equal(2, world.State.CountStaged(ProductsMap.Name));

        dataverse.Down = false;
        world.Runtime.SyncOnce();
        Assert.Equal(MapState.Paused, world.Runtime.GetMapState(ProductsMap.Name));
        world.Runtime.Resume(ProductsMap.Name);
        world.Runtime.SyncOnce();
        Assert.Equal("Screw", Assert.Single(world.Dataverse.Query(ProductsMap.Definition.Dataverse)).msdyn_productname);
    }

    [Theory]
    [InlineData(AlertAction.Notify, MapState.Running)]
    [InlineData(AlertAction.Pause, MapState.Paused)]
    [InlineData(AlertAction.Stop, MapState.Stopped)]
    public void An_alert_rule_fires_when_its_count_of_failures_falls_within_its_window(AlertAction action, MapState after)
    {
        using var world = new World();
        world.SeedGroup();
        var options = new DualWriteRuntimeOptions();
        options.Alerts.Add(new AlertRule(CustomersMap.Name, SyncErrorKind.Lookup, 2, TimeSpan.FromHours(1), action));
        options.Alerts.Add(new AlertRule(null, SyncErrorKind.Number, 1, TimeSpan.FromHours(1), AlertAction.Stop));
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: options);
        var alerts = new List<AlertRaisedEventArgs>();
        world.Runtime.AlertRaised += (_, alert) => alerts.Add(alert);

        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "One", group: "98"));
        world.Runtime.SyncOnce();
        Assert.Empty(alerts);
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Two", group: "99"));
        world.Runtime.SyncOnce();

        var alert = Assert.Single(alerts);
        Assert.Equal((CustomersMap.Name, SyncErrorKind.Lookup, 2, action), (alert.Map, alert.Kind, alert.Failures, alert.Action));
        Assert.Equal(after, world.Runtime.GetMapState(CustomersMap.Name));
        var reason = world.State.GetStopReason(CustomersMap.Name);
        if (after == MapState.Stopped)
        {
            Assert.NotNull(reason);
            Assert.Equal("alert: " + alert.Message, reason.Reason);
        }
        else
        {
            Assert.Null(reason);
        }
    }

    [Fact]
    public void A_failure_is_counted_once_when_retries_fail_between_passes()
    {
        using var world = new World();
        world.SeedGroup();
        var options = new DualWriteRuntimeOptions();
        options.Alerts.Add(new AlertRule(CustomersMap.Name, SyncErrorKind.Lookup, 2, TimeSpan.FromHours(1), AlertAction.Notify));
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: options);
        var alerts = new List<AlertRaisedEventArgs>();
        world.Runtime.AlertRaised += (_, alert) => alerts.Add(alert);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "One", group: "98"));
        world.Runtime.SyncOnce();
        var error = Assert.Single(world.Runtime.GetErrors());

        Assert.False(world.Runtime.Retry(error.Id));
        Assert.Equal(2, Assert.Single(alerts).Failures);
        Assert.False(world.Runtime.Retry(error.Id));

        // The rule counts from zero after it fired: the second retry's failure is the only one since.
        Assert.Single(alerts);
    }

    [Theory]
    [InlineData(null, 0, 60, "Alert rule for every map (Value) needs a count of at least 1 and a positive window; got 0 in 00:01:00.")]
    [InlineData("Customers", 1, 0, "Alert rule for Customers (Value) needs a count of at least 1 and a positive window; got 1 in 00:00:00.")]
    public void A_rule_with_no_count_or_window_is_refused_with_the_reason(string? map, int count, int windowSeconds, string reason)
    {
        var options = new DualWriteRuntimeOptions();
        options.Alerts.Add(new AlertRule(map, SyncErrorKind.Value, count, TimeSpan.FromSeconds(windowSeconds), AlertAction.Notify));
        using var world = new World(link: false);

        var exception = Assert.Throws<ArgumentException>(() => new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, options: options));

        Assert.Equal(reason, exception.Message);
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(350) };
        Assert.Equal(new[] { 100.0, 200.0, 350.0, 350.0 }, new[] { 1, 2, 3, 4 }.Select(a => policy.DelayAfter(a).TotalMilliseconds));
    }

    [Fact]
    public void An_embedded_environment_whose_database_cannot_be_opened_is_unavailable_not_broken()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-runtime-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(folder, "fo.db"), Path.Combine(World.SchemaFolder, "fo.metadata.xml"));
        using (var pooled = new SqliteConnection(fo.ConnectionString))
        {
            // Only this database's pool: clearing all pools would pull connections from under parallel tests.
            SqliteConnection.ClearPool(pooled);
        }

        Directory.Delete(folder, recursive: true);

        var exception = Assert.Throws<EnvironmentUnavailableException>(() => fo.BeginTransaction(origin: null));

        Assert.Equal(Side.Fo, exception.Side);
        Assert.Contains("unavailable", exception.Message);
    }
}
