using System;
using System.Linq;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Tests.Alerts;

/// <summary>How the alert rules count failures over their windows, at given moments.</summary>
public sealed class AlertMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failure_exactly_one_window_old_still_counts_and_the_alert_says_what_fired()
    {
        var monitor = new AlertMonitor([new AlertRule("Customers", SyncErrorKind.Lookup, 2, TimeSpan.FromMinutes(10), AlertAction.Notify)]);

        Assert.Empty(monitor.Record("Customers", SyncErrorKind.Lookup, Start));
        var alert = Assert.Single(monitor.Record("Customers", SyncErrorKind.Lookup, Start.AddMinutes(10)));

        Assert.Equal(
            new AlertRaisedEventArgs("Customers", SyncErrorKind.Lookup, 2, TimeSpan.FromMinutes(10), AlertAction.Notify, "Map Customers: 2 Lookup failures within 00:10:00; action Notify.", Start.AddMinutes(10)),
            alert);
    }

    [Fact]
    public void A_failure_older_than_the_window_does_not_count()
    {
        var monitor = new AlertMonitor([new AlertRule("Customers", SyncErrorKind.Lookup, 2, TimeSpan.FromMinutes(10), AlertAction.Notify)]);

        monitor.Record("Customers", SyncErrorKind.Lookup, Start);

        Assert.Empty(monitor.Record("Customers", SyncErrorKind.Lookup, Start.AddMinutes(10).AddTicks(1)));
    }

    [Fact]
    public void A_rule_that_fired_counts_from_zero_again()
    {
        var monitor = new AlertMonitor([new AlertRule("Customers", SyncErrorKind.Value, 2, TimeSpan.FromHours(1), AlertAction.Notify)]);

        var counts = Enumerable.Range(0, 5)
            .Select(minute => monitor.Record("Customers", SyncErrorKind.Value, Start.AddMinutes(minute)).Count)
            .ToList();

        Assert.Equal([0, 1, 0, 1, 0], counts);
    }

    [Fact]
    public void A_rule_with_the_longer_window_keeps_the_failures_a_shorter_one_no_longer_counts()
    {
        var monitor = new AlertMonitor(
        [
            new AlertRule("Customers", SyncErrorKind.Value, 100, TimeSpan.FromMinutes(1), AlertAction.Notify),
            new AlertRule("Customers", SyncErrorKind.Value, 3, TimeSpan.FromMinutes(30), AlertAction.Pause),
        ]);

        monitor.Record("Customers", SyncErrorKind.Value, Start);
        monitor.Record("Customers", SyncErrorKind.Value, Start.AddMinutes(10));
        var alert = Assert.Single(monitor.Record("Customers", SyncErrorKind.Value, Start.AddMinutes(20)));

        Assert.Equal((3, TimeSpan.FromMinutes(30), AlertAction.Pause), (alert.Failures, alert.Window, alert.Action));
    }

    [Fact]
    public void A_rule_for_every_map_counts_each_map_apart_and_a_rule_for_one_map_ignores_the_others()
    {
        var monitor = new AlertMonitor(
        [
            new AlertRule(null, SyncErrorKind.Number, 1, TimeSpan.FromHours(1), AlertAction.Stop),
            new AlertRule("Vendors", SyncErrorKind.Value, 1, TimeSpan.FromHours(1), AlertAction.Notify),
        ]);

        var numbers = new[] { "Customers", "Vendors" }.Select(map => Assert.Single(monitor.Record(map, SyncErrorKind.Number, Start)).Map);

        Assert.Equal(["Customers", "Vendors"], numbers);
        Assert.Empty(monitor.Record("Customers", SyncErrorKind.Value, Start));
        Assert.Empty(monitor.Record("Vendors", SyncErrorKind.Lookup, Start));
    }
}
