using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualWrite.Runtime.InitialSync;
using static DualWrite.Runtime.Tests.InitialSyncWorld;

namespace DualWrite.Runtime.Tests.InitialSync;

/// <summary>
/// The progress a run reports after every batch. The step's clock is not injectable, so the rate and the time left are
/// checked against the elapsed time each report carries, never against the wall clock.
/// </summary>
public sealed class InitialSyncProgressTests
{
    [Fact]
    public void Each_batch_reports_its_step_the_rows_read_of_all_the_rate_since_the_session_began_and_the_time_left()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        InsertFoCustomers(world, 10);
        world.Runtime.Link(new[] { "USMF" });
        var runner = Runner(world);
        var plan = runner.Plan();
        var reports = new List<InitialSyncProgress>();
        using var stop = new CancellationTokenSource();
        var options = new InitialSyncOptions
        {
            Master = Side.Fo,
            BatchSize = 3,
            Progress = new Inline<InitialSyncProgress>(p =>
            {
                reports.Add(p);
                if (p.Map == "Customers" && p.RowsRead == 6)
                {
                    stop.Cancel();
                }
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(plan, options, stop.Token));

        Assert.All(reports, p => Assert.Equal((plan.Order.ToList().IndexOf(p.Map) + 1, plan.Steps.Count), (p.Step, p.StepCount)));
        var customers = reports.Where(p => p.Map == "Customers").ToList();
        Assert.Equal(new[] { 3L, 6L }, customers.Select(p => p.RowsRead));
        Assert.All(customers, p => AssertEstimates(p, readAtStart: 0, total: 10));

        // Resumed after a customer was added before the checkpoint: the count finds 11 F&O rows and the 6 accounts the
        // first session wrote; the step reads the 4 customers left.
        world.Fo.Save(World.FoCustomer, World.Customer("A0001", "Before the checkpoint"));
        reports.Clear();
        options.Progress = new Inline<InitialSyncProgress>(reports.Add);
        runner.Resume(runner.GetRuns()[0].Id, options);

        customers = reports.Where(p => p.Map == "Customers").ToList();
        Assert.Equal(new[] { (9L, false), (10L, true) }, customers.Select(p => (p.RowsRead, p.Completed)));
        Assert.All(customers.Where(p => !p.Completed), p => AssertEstimates(p, readAtStart: 6, total: 17));
        Assert.Equal((TimeSpan.Zero, 17L), (customers[^1].Remaining, customers[^1].RowsTotal));
    }

    private static void AssertEstimates(InitialSyncProgress p, long readAtStart, long total)
    {
        Assert.False(p.Completed);
        Assert.Equal(total, p.RowsTotal);
        Assert.True(p.RowsPerSecond > 0, $"rate {p.RowsPerSecond}");
        Assert.Equal((p.RowsRead - readAtStart) / p.Elapsed.TotalSeconds, p.RowsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds((total - p.RowsRead) / p.RowsPerSecond), p.Remaining);
    }
}
