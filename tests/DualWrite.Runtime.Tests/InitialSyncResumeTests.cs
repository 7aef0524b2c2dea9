using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using DualWrite.Runtime.InitialSync;
using static DualWrite.Runtime.Tests.InitialSyncWorld;

namespace DualWrite.Runtime.Tests;

public sealed class InitialSyncResumeTests
{
    [Fact]
    public void A_crash_mid_batch_resumes_from_the_last_checkpoint_without_redoing_finished_maps_or_duplicating_rows()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world, "30");
        world.Fo.Save(World.FoGroup, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "40", Description = "Only in F&O" });
        InsertFoCustomers(world, 2_500);
        world.Runtime.Link(new[] { "USMF" });

        // The group only in F&O is the first insert on Dataverse; the customers follow, and the crash hits the 1,234th.
        var crashing = new InitialSyncRunner(world.Fo, new CrashingEnvironment(world.Dataverse, crashAtInsert: 1 + 1_234), world.State, world.Maps);
        Assert.Throws<IOException>(() => crashing.Run(crashing.Plan(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 500 }));
        var run = Assert.Single(crashing.GetRuns());
        Assert.Equal(InitialSyncRunStatus.Running, run.Status);
        Assert.Equal(1_000, Count(world, world.Dataverse, "SELECT COUNT(*) FROM accounts"));

        var resumedFrom = new List<long>();
        var runner = Runner(world);
        var result = runner.Resume(run.Id, new InitialSyncOptions { BatchSize = 500, Progress = new Inline<InitialSyncProgress>(p => resumedFrom.Add(p.RowsRead)) });

        Assert.Equal(InitialSyncRunStatus.Completed, result.Status);
        Assert.Equal(2_500, Count(world, world.Dataverse, "SELECT COUNT(DISTINCT accountnumber) FROM accounts"));
        Assert.Equal(2_500, Count(world, world.Dataverse, "SELECT COUNT(*) FROM accounts"));

        // Each row was inserted once: the batch the crash interrupted was rolled back, change log entries and all.
        Assert.Equal(2_500, Count(world, world.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin = 'dualwrite:initial-sync:Customers'"));
        Assert.Equal(1, Count(world, world.Dataverse, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'msdyn_customergroups' AND origin IS NOT NULL"));
        Assert.Equal(1_000 + 500, resumedFrom.First());
        var customers = result.Steps.Single(s => s.Map == "Customers").Counts;
        Assert.Equal((2_500L, 2_500L), (customers.FoRead, customers.Inserted));
    }

    [Fact]
    public void A_stopped_run_checkpoints_and_resumes()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        InsertFoCustomers(world, 1_200);
        world.Runtime.Link(new[] { "USMF" });
        var runner = Runner(world);
        using var stop = new CancellationTokenSource();
        var options = new InitialSyncOptions
        {
            Master = Side.Fo,
            BatchSize = 300,
            Progress = new Inline<InitialSyncProgress>(p =>
            {
                if (p.Map == "Customers" && p.Counts.Inserted >= 600)
                {
                    stop.Cancel();
                }
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(runner.Plan(), options, stop.Token));
        Assert.Equal(600, Count(world, world.Dataverse, "SELECT COUNT(*) FROM accounts"));

        var result = runner.Resume(runner.GetRuns()[0].Id);
        Assert.Equal(1_200, Count(world, world.Dataverse, "SELECT COUNT(*) FROM accounts"));
        Assert.Equal(1_200L, result.Steps.Single(s => s.Map == "Customers").Counts.Inserted);
    }
}
