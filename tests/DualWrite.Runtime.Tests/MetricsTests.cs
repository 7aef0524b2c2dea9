using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;

namespace DualWrite.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Synced_changes_failures_conflicts_and_lag_are_measured_per_map_and_direction_on_the_runtimes_own_meter()
    {
        using var meters = new TestMeterFactory();
        var measurements = new List<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener
        {
            // Only the meter of the runtime under test: the other tests' runtimes publish on meters of the same name.
            InstrumentPublished = (instrument, l) =>
            {
                if (meters.Owns(instrument.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        using var world = new World();
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, meterFactory: meters);
        using var bystander = new World();

        world.SeedGroup();
        bystander.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Fabrikam"));
        world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE CustomerGroups SET Description = 'F&O'");
        world.Execute(world.Dataverse, "UPDATE msdyn_customergroups SET msdyn_description = 'Dataverse'");
        world.Runtime.SyncOnce();
        world.Runtime.Save(World.Customer("US0002", "Adatum"));

        List<(string Instrument, double Value, string Tags)> seen;
        lock (measurements)
        {
            seen = measurements.ToList();
        }

        Assert.Equal(
            new[]
            {
                ("dualwrite.changes.failed", 1d, "direction=fo-to-dataverse,map=CustomerGroups"),
                ("dualwrite.changes.failed", 1d, "direction=fo-to-dataverse,map=Customers"),
                ("dualwrite.changes.synced", 1d, "direction=dataverse-to-fo,map=Customers"),
                ("dualwrite.changes.synced", 1d, "direction=fo-to-dataverse,map=CustomerGroups"),
                ("dualwrite.changes.synced", 1d, "direction=fo-to-dataverse,map=Customers"),
                ("dualwrite.conflicts", 1d, "map=CustomerGroups,policy=Fail"),
            },
            seen.Where(m => m.Instrument != "dualwrite.sync.lag").OrderBy(m => m.Instrument, StringComparer.Ordinal).ThenBy(m => m.Tags, StringComparer.Ordinal));

        // A live save has no change time, so only the two changes read from the logs have a lag.
        var lag = seen.Where(m => m.Instrument == "dualwrite.sync.lag").OrderBy(m => m.Tags, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "direction=dataverse-to-fo,map=Customers", "direction=fo-to-dataverse,map=CustomerGroups" }, lag.Select(m => m.Tags));
        Assert.All(lag, m => Assert.True(m.Value >= 0 && double.IsFinite(m.Value), $"lag {m.Value}"));

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value).OrderBy(t => t, StringComparer.Ordinal));
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, text));
            }
        }
    }

    [Fact]
    public void A_runtime_without_a_meter_factory_releases_its_own_meter_when_disposed()
    {
        using var world = new World(link: false);
        world.Runtime.Dispose();
        var thread = Environment.CurrentManagedThreadId;
        var published = new List<Instrument>();
        var completed = new List<Instrument>();
        var started = false;
        using var listener = new MeterListener
        {
            // Start publishes the meters that exist already, on this thread; after it, a meter is published on the thread
            // that makes its runtime, and the other tests' runtimes are made on their own threads.
            InstrumentPublished = (instrument, l) =>
            {
                if (started && instrument.Meter.Name == "DualWrite.Runtime" && Environment.CurrentManagedThreadId == thread)
                {
                    published.Add(instrument);
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, _) =>
            {
                lock (completed)
                {
                    completed.Add(instrument);
                }
            },
        };
        listener.Start();
        started = true;

        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);
        Assert.Equal(4, published.Count);
        Assert.Empty(completed);
        world.Runtime.Dispose();

        lock (completed)
        {
            Assert.Equal(published.Select(i => i.Name).Order(StringComparer.Ordinal), completed.Select(i => i.Name).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Creates the meters of one runtime, so that a listener can tell them from other runtimes' meters of the same name.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = new();

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public bool Owns(Meter meter)
        {
            lock (_meters)
            {
                return _meters.Contains(meter);
            }
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
