using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace DualWrite.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Synced_changes_failures_and_lag_are_measured_on_the_DualWrite_Runtime_meter()
    {
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "DualWrite.Runtime")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, 1));
        listener.Start();

        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Runtime.SyncOnce();

        lock (measured)
        {
            Assert.True(measured.GetValueOrDefault("dualwrite.changes.synced") >= 1);
            Assert.True(measured.GetValueOrDefault("dualwrite.changes.failed") >= 1);
            Assert.True(measured.GetValueOrDefault("dualwrite.sync.lag") >= 1);
        }

        void Add(string name, double value)
        {
            lock (measured)
            {
                measured[name] = measured.GetValueOrDefault(name) + value;
            }
        }
    }
}
