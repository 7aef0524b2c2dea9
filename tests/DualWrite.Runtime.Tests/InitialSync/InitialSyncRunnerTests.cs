using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Contoso.Integration;
using DualWrite.Runtime.InitialSync;
using DualWrite.Testing;
using static DualWrite.Runtime.Tests.InitialSyncWorld;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests.InitialSync;

/// <summary>What the runner refuses, the status and steps a run or dry run reports, and how a stopped run continues.</summary>
public sealed class InitialSyncRunnerTests
{
    [Fact]
    public void The_runner_refuses_swapped_environments_a_store_without_runs_a_map_given_twice_and_an_unknown_run()
    {
        using var world = new World();

        Assert.Equal(
            "Expected an F&O and a Dataverse environment, got Fo and Fo.",
            Assert.Throws<ArgumentException>(() => new InitialSyncRunner(world.Fo, world.Fo, world.State, world.Maps)).Message);
        Assert.Equal(
            "The state store does not keep initial-sync runs. (Parameter 'state')",
            Assert.Throws<ArgumentException>(() => new InitialSyncRunner(world.Fo, world.Dataverse, new ForwardingStateStore(world.State), world.Maps)).Message);
        Assert.Equal(
            $"Map '{world.Maps[0].Name}' is given more than once. (Parameter 'maps')",
            Assert.Throws<ArgumentException>(() => new InitialSyncRunner(world.Fo, world.Dataverse, world.State, world.Maps.Append(world.Maps[0]))).Message);
        Assert.Equal(
            "There is no initial-sync run 'nope'. (Parameter 'runId')",
            Assert.Throws<ArgumentException>(() => Runner(world).Resume("nope")).Message);
    }

    [Fact]
    public void A_run_needs_the_link()
    {
        using var world = Unlinked();
        var runner = Runner(world);

        var refused = Assert.Throws<InvalidOperationException>(() => runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo }));

        Assert.Equal("The environments are not linked; link them first.", refused.Message);
    }

    [Fact]
    public void A_skipped_map_is_checkpointed_as_skipped_and_not_synced_and_the_run_ends_completed()
    {
        using var world = WithAProduct();
        var runner = Runner(world);
        var plan = runner.Plan(skip: new[] { "Products" });

        var result = runner.Run(plan, new InitialSyncOptions { Master = Side.Fo });

        Assert.Matches("^[0-9a-f]{32}$", result.RunId);
        Assert.False(result.DryRun);
        Assert.Equal(InitialSyncRunStatus.Completed, result.Status);
        Assert.Equal(InitialSyncRunStatus.Completed, Assert.Single(runner.GetRuns()).Status);
        Assert.Equal(plan.Order, result.Steps.Select(s => s.Map));
        Assert.Equal(InitialSyncStepStatus.Skipped, result.Steps.Single(s => s.Map == "Products").Status);
        Assert.Equal(InitialSyncStepStatus.Skipped, world.State.GetCheckpoint(result.RunId!, "Products", InitialSyncPass.All)!.Status);
        Assert.Equal(0, Count(world, world.Dataverse, "SELECT COUNT(*) FROM msdyn_globalproducts"));
    }

    [Fact]
    public void A_dry_run_reports_every_step_and_compares_no_skipped_map()
    {
        using var world = WithAProduct();
        var runner = Runner(world);
        var differences = new List<InitialSyncDifference>();
        var plan = runner.Plan(skip: new[] { "Products" });

        var result = runner.DryRun(plan, new InitialSyncOptions { Master = Side.Fo, Differences = differences.Add });

        Assert.Equal((InitialSyncRunStatus.Completed, 0L), (result.Status, result.Errors));
        Assert.Equal(plan.Order, result.Steps.Select(s => s.Map));
        Assert.Equal(InitialSyncStepStatus.Skipped, result.Steps.Single(s => s.Map == "Products").Status);
        Assert.Equal(InitialSyncStepStatus.Completed, result.Steps.Single(s => s.Map == "Customers").Status);
        Assert.DoesNotContain(differences, d => d.Map == "Products");

        // Unskipped, the product is an insert whose fields are the values it would get.
        runner.DryRun(runner.Plan(), new InitialSyncOptions { Master = Side.Fo, Differences = differences.Add });
        var insert = differences.Single(d => d.Map == "Products");
        Assert.Equal(InitialSyncChange.Insert, insert.Change);
        Assert.Equal(new[] { "msdyn_description", "msdyn_fieldserviceproducttype", "msdyn_productname", "msdyn_productnumber", "msdyn_producttype" }, insert.Fields);
    }

    [Fact]
    public void A_dry_run_with_failed_rows_in_several_maps_counts_them_all_and_completes_with_errors()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_description = "No id", msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "USMF" } });
        for (var i = 0; i < 2; i++)
        {
            var account = World.NewAccount($"US500{i}", "Unmapped hold status");
            account.msdyn_onholdstatus = 999;
            world.Dataverse.Save(World.Account, account);
        }

        world.Runtime.Link(new[] { "USMF" });
        var runner = Runner(world);

        var result = runner.DryRun(runner.Plan(), new InitialSyncOptions { Master = Side.Fo });

        Assert.Equal((InitialSyncRunStatus.CompletedWithErrors, 3L), (result.Status, result.Errors));
        Assert.Equal((1L, 2L), (result.Steps.Single(s => s.Map == "CustomerGroups").Counts.Failed, result.Steps.Single(s => s.Map == "Customers").Counts.Failed));
    }

    [Fact]
    public void A_record_whose_key_is_incomplete_fails_with_the_reason_once_and_again_when_rerun()
    {
        using var world = Unlinked();
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup { msdyn_description = "No id", msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "USMF" } });
        world.Runtime.Link(new[] { "USMF" });
        var runner = Runner(world);
        const string Reason = "The record's integration key 'USMF|' is incomplete, so it cannot be matched on the other side.";

        var result = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo });

        var groups = result.Steps.Single(s => s.Map == "CustomerGroups").Counts;
        Assert.Equal((1L, 0L, 1L), (groups.DataverseRead, groups.Inserted, groups.Failed));
        Assert.Equal(Reason, Assert.Single(runner.GetErrors(result.RunId!)).Reason);
        Assert.Empty(world.Fo.Query(World.FoGroup));

        Assert.Equal(1L, runner.Rerun(result.RunId!).Errors);
        Assert.Equal(Reason, Assert.Single(runner.GetErrors(result.RunId!)).Reason);
    }

    [Fact]
    public void A_rerun_keeps_the_new_reason_of_a_row_that_fails_again_and_stops_before_retrying_when_cancelled()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        var account = World.NewAccount("US5000", "Unmapped hold status");
        account.msdyn_onholdstatus = 999;
        world.Dataverse.Save(World.Account, account);
        world.Runtime.Link(new[] { "USMF" });
        var runner = Runner(world);
        var runId = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo }).RunId!;
        Assert.Contains("for '999'", Assert.Single(runner.GetErrors(runId)).Reason, StringComparison.Ordinal);

        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 998 WHERE accountnumber = 'US5000'");
        runner.Rerun(runId);
        Assert.Contains("for '998'", Assert.Single(runner.GetErrors(runId)).Reason, StringComparison.Ordinal);

        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 806380000 WHERE accountnumber = 'US5000'");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Rerun(runId, cancellationToken: cancelled.Token));
        Assert.Null(world.FoCustomerOf("US5000"));
        Assert.Single(runner.GetErrors(runId));
    }

    [Fact]
    public void A_run_cancelled_before_it_starts_writes_nothing_and_a_rerun_continues_it_with_the_options_given()
    {
        using var world = WithAProduct();
        var runner = Runner(world);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo }, cancelled.Token));
        var runId = Assert.Single(runner.GetRuns()).Id;
        Assert.Null(world.State.GetCheckpoint(runId, "CustomerGroups", InitialSyncPass.All));
        Assert.Equal(0, Count(world, world.Dataverse, "SELECT COUNT(*) FROM msdyn_globalproducts"));

        var withoutProducts = new InitialSyncRunner(world.Fo, world.Dataverse, world.State, world.Maps.Where(m => m.Name != "Products"));
        Assert.Equal(
            "The run's plan has map 'Products', which this runner does not have.",
            Assert.Throws<InvalidOperationException>(() => withoutProducts.Resume(runId)).Message);

        var reported = new List<string>();
        var result = runner.Rerun(runId, options: new InitialSyncOptions { Progress = new Inline<InitialSyncProgress>(p => reported.Add(p.Map)) });

        Assert.Equal(InitialSyncRunStatus.Completed, result.Status);
        Assert.Equal(runner.Plan().Order.SkipWhile(m => m != "Products"), reported.Distinct());
        Assert.Equal(1, Count(world, world.Dataverse, "SELECT COUNT(*) FROM msdyn_globalproducts"));
    }

    [Fact]
    public void A_resumed_run_reports_the_steps_finished_before_it_stopped_with_their_counts()
    {
        using var world = WithAProduct();
        var runner = Runner(world);
        using var stop = new CancellationTokenSource();
        var options = new InitialSyncOptions
        {
            Master = Side.Fo,
            Progress = new Inline<InitialSyncProgress>(p =>
            {
                if (p.Map == "Customers" && p.Completed)
                {
                    stop.Cancel();
                }
            }),
        };
        var plan = runner.Plan();

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(plan, options, stop.Token));
        var result = runner.Resume(runner.GetRuns()[0].Id);

        Assert.Equal(plan.Order, result.Steps.Select(s => s.Map));
        Assert.All(result.Steps, s => Assert.Equal(InitialSyncStepStatus.Completed, s.Status));
        Assert.Equal(1L, result.Steps.Single(s => s.Map == "Customers").Counts.Inserted);
        Assert.Equal(1L, result.Steps.Single(s => s.Map == "Products").Counts.Inserted);
    }

    // A group alike on both sides, a customer only in F&O, and a product only in F&O.
    private static World WithAProduct()
    {
        var world = Unlinked();
        SeedGroupOnBothSides(world);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Only in F&O"));
        world.Fo.Save(ProductsMap.Definition.Fo, new Fo.ProductV2 { ProductNumber = "P1", ProductName = "Bolt", ProductType = Fo.EcoResProductType.Item });
        world.Runtime.Link(new[] { "USMF" });
        return world;
    }
}
