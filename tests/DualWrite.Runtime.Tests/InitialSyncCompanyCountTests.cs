using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Contoso.Integration;
using DualWrite.Runtime.InitialSync;
using static DualWrite.Runtime.Tests.InitialSyncWorld;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// An initial sync counts rows read, written and failed per map and legal entity as the rows stream, keeps those counts
/// with its checkpoints, and a resumed run continues them.
/// </summary>
public sealed class InitialSyncCompanyCountTests
{
    // Customers: USMF has 7 F&O rows, all inserted; DEMF 5 F&O rows inserted and 1 Dataverse row whose hold status has
    // no value towards F&O. Groups are alike on both sides. The one product (a global map) counts under no company.
    private static readonly Dictionary<string, (long Read, long Written, long Failed)> ExpectedCustomers = new()
    {
        ["USMF"] = (7, 7, 0),
        ["DEMF"] = (6, 5, 1),
    };

    [Fact]
    public void Rows_read_written_and_failed_are_counted_per_map_and_company()
    {
        using var world = Seeded();
        var runner = Runner(world);

        var result = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 2 });

        Assert.Equal(InitialSyncRunStatus.CompletedWithErrors, result.Status);
        Assert.Equal(ExpectedCustomers, Figures(result.Steps.Single(s => s.Map == "Customers").Counts));
        Assert.Equal(ExpectedCustomers, Figures(Checkpoint(world, result.RunId!, "Customers")));
        var groups = new Dictionary<string, (long, long, long)> { ["USMF"] = (4, 0, 0), ["DEMF"] = (4, 0, 0) };
        Assert.Equal(groups, Figures(Checkpoint(world, result.RunId!, "CustomerGroups")));
        Assert.Equal(new Dictionary<string, (long, long, long)> { [""] = (1, 1, 0) }, Figures(Checkpoint(world, result.RunId!, "Products")));
        var failed = Assert.Single(runner.GetErrors(result.RunId!));
        Assert.StartsWith("DEMF|", failed.RecordKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resumed_run_continues_the_counts_per_company_without_counting_a_row_twice()
    {
        using var world = Seeded();
        var runner = Runner(world);
        using var stop = new CancellationTokenSource();
        long readWhenStopped = 0;
        var options = new InitialSyncOptions
        {
            Master = Side.Fo,
            BatchSize = 2,
            Progress = new Inline<InitialSyncProgress>(p =>
            {
                if (p.Map == "Customers" && p.Counts.Read >= 6)
                {
                    readWhenStopped = p.Counts.Companies.Values.Sum(c => c.Read);
                    stop.Cancel();
                }
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(runner.Plan(), options, stop.Token));
        var runId = runner.GetRuns()[0].Id;
        Assert.Equal(InitialSyncStepStatus.Running, world.State.GetCheckpoint(runId, "Customers", InitialSyncPass.All)!.Status);
        Assert.InRange(readWhenStopped, 6, 12);

        var result = runner.Resume(runId, new InitialSyncOptions { BatchSize = 2 });

        Assert.Equal(InitialSyncRunStatus.CompletedWithErrors, result.Status);
        Assert.Equal(ExpectedCustomers, Figures(result.Steps.Single(s => s.Map == "Customers").Counts));
        Assert.Equal(ExpectedCustomers, Figures(Checkpoint(world, runId, "Customers")));
        Assert.Single(runner.GetErrors(runId));
    }

    private static World Seeded()
    {
        var world = Unlinked(["USMF", "DEMF"]);
        SeedGroupOnBothSides(world, "30", "USMF");
        SeedGroupOnBothSides(world, "20", "USMF");
        SeedGroupOnBothSides(world, "30", "DEMF");
        SeedGroupOnBothSides(world, "20", "DEMF");
        InsertFoCustomers(world, 7, "USMF");
        InsertFoCustomers(world, 5, "DEMF");
        var unmapped = World.NewAccount("US5000", "Unmapped hold status", company: "DEMF");
        unmapped.msdyn_onholdstatus = 999;
        world.Dataverse.Save(World.Account, unmapped);
        world.Fo.Save(ProductsMap.Definition.Fo, new Fo.ProductV2 { ProductNumber = "P1", ProductName = "Bolt", ProductType = Fo.EcoResProductType.Item });
        world.Runtime.Link(["USMF", "DEMF"]);
        return world;
    }

    private static InitialSyncCounts Checkpoint(World world, string runId, string map) =>
        world.State.GetCheckpoint(runId, map, InitialSyncPass.All)!.Counts;

    private static Dictionary<string, (long Read, long Written, long Failed)> Figures(InitialSyncCounts counts) =>
        counts.Companies.ToDictionary(c => c.Key, c => (c.Value.Read, c.Value.Written, c.Value.Failed));
}
