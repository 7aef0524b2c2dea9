using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.InitialSync;
using Fo = Contoso.Integration.Fo;
using static DualWrite.Runtime.Tests.InitialSyncWorld;

namespace DualWrite.Runtime.Tests;

public sealed class InitialSyncTests
{
    [Fact]
    public void The_default_plan_follows_the_maps_order_and_a_valid_reorder_is_taken()
    {
        using var world = new World();
        var runner = Runner(world);

        var plan = runner.Plan();
        Assert.Equal(DualWriteMaps.All.Select(m => m.Name), plan.Order);
        Assert.All(plan.Steps, s => Assert.Equal(InitialSyncPass.All, s.Pass));
        Assert.True(plan.Order.ToList().IndexOf("CustomerGroups") < plan.Order.ToList().IndexOf("Customers"));

        // Products depends on nothing and nothing depends on it, so it may go first; Vendors may go before Customers.
        var order = new[] { "Products" }.Concat(plan.Order.Where(n => n != "Products")).ToList();
        var reordered = runner.Plan(order, skip: new[] { "vendors" });
        Assert.Equal(order, reordered.Order);
        Assert.Equal(new[] { "Vendors" }, reordered.Skipped);
        Assert.True(reordered.Steps.Single(s => s.Map == "Vendors").Skipped);
    }

    [Fact]
    public void An_order_that_breaks_a_dependency_is_refused_with_the_reason()
    {
        using var world = new World();
        var runner = Runner(world);
        var order = runner.Plan().Order.ToList();
        order.Remove("CustomerGroups");
        order.Insert(order.IndexOf("Customers") + 1, "CustomerGroups");

        var refused = Assert.Throws<InitialSyncPlanException>(() => runner.Plan(order));
        Assert.Equal("'Customers' cannot run before 'CustomerGroups': it depends on it (an 'after' clause or a lookup to its table), so 'CustomerGroups' must come first.", refused.Message);

        Assert.Contains("leaves out 'Products'", Assert.Throws<InitialSyncPlanException>(() => runner.Plan(order.Where(n => n != "Products"))).Message);
        Assert.Contains("names 'Nope', which is not one of the maps", Assert.Throws<InitialSyncPlanException>(() => runner.Plan(skip: new[] { "Nope" })).Message);
    }

    [Theory]
    [InlineData(Side.Fo, "F&O name")]
    [InlineData(Side.Dataverse, "Dataverse name")]
    public void Where_both_sides_differ_the_master_wins_and_rows_on_one_side_flow_to_the_other(Side master, string expected)
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "F&O name"));
        world.Dataverse.Save(World.Account, World.NewAccount("us0001", "Dataverse name"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Only in F&O"));
        world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Only in Dataverse"));
        world.Runtime.Link(new[] { "USMF" });

        var result = Run(world, master);

        Assert.Equal(InitialSyncRunStatus.Completed, result.Status);
        // Keys match ignoring case; the master's spelling of the key wins with the rest of its values.
        Assert.Equal(expected, world.Fo.Query(World.FoCustomer).Single(c => c.CustomerAccount!.Equals("US0001", StringComparison.OrdinalIgnoreCase)).OrganizationName);
        Assert.Equal(expected, world.Dataverse.Query(World.Account).Single(a => a.accountnumber!.Equals("US0001", StringComparison.OrdinalIgnoreCase)).name);
        Assert.Equal("Only in F&O", world.AccountOf("US0002")!.name);
        Assert.Equal("Only in Dataverse", world.FoCustomerOf("US5001")!.OrganizationName);
        var customers = result.Steps.Single(s => s.Map == "Customers").Counts;
        Assert.Equal((2L, 1L, 0L), (customers.Inserted, customers.Updated, customers.Failed));
        Assert.Equal(2, world.Dataverse.Query(World.DataverseGroup).Count + world.Fo.Query(World.FoGroup).Count);

        // The writes carry the initial sync's origin: live sync reads them and writes nothing back.
        var live = world.Runtime.SyncOnce();
        Assert.Equal((0, 0, 0), (live.Synced, live.Unchanged, live.Failed));
    }

    [Fact]
    public void Only_linked_companies_flow_and_the_company_is_part_of_the_key()
    {
        using var world = Unlinked(new[] { "USMF", "DEMF" });
        SeedGroupOnBothSides(world, company: "USMF");
        SeedGroupOnBothSides(world, company: "DEMF");
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "USMF customer"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "DEMF customer", company: "DEMF"));
        world.Dataverse.Save(World.Account, World.NewAccount("US0001", "Dataverse DEMF", company: "DEMF"));
        world.Runtime.Link(new[] { "USMF" });

        Run(world, Side.Dataverse);

        Assert.Equal("USMF customer", world.AccountOf("US0001", "USMF")!.name);
        Assert.Equal("Dataverse DEMF", world.AccountOf("US0001", "DEMF")!.name);
        Assert.Equal("DEMF customer", world.FoCustomerOf("US0001", "DEMF")!.OrganizationName);
        Assert.Equal(2, world.Dataverse.Query(World.Account).Count);
    }

    [Fact]
    public void Each_sides_source_filter_decides_which_of_its_records_flow()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        var person = World.Customer("US0001", "A person");
        person.PartyType = Fo.DirPartyBaseType.Person;
        world.Fo.Save(World.FoCustomer, person);
        var noGroup = World.Customer("US0002", "No group");
        noGroup.CustomerGroupId = null;
        world.Fo.Save(World.FoCustomer, noGroup);
        world.Fo.Save(World.FoCustomer, World.Customer("US0003", "An organization"));
        var competitor = World.NewAccount("US5001", "A competitor");
        competitor.customertypecode = 1;
        world.Dataverse.Save(World.Account, competitor);
        world.Dataverse.Save(World.Account, World.NewAccount("US5002", "An inactive one"));
        world.Execute(world.Dataverse, "UPDATE accounts SET statecode = 1 WHERE accountnumber = 'US5002'");
        world.Dataverse.Save(World.Account, World.NewAccount("US5003", "A customer"));
        world.Runtime.Link(new[] { "USMF" });

        var customers = Run(world).Steps.Single(s => s.Map == "Customers").Counts;

        Assert.Null(world.AccountOf("US0001"));
        Assert.Null(world.AccountOf("US0002"));
        Assert.NotNull(world.AccountOf("US0003"));
        Assert.Null(world.FoCustomerOf("US5001"));
        Assert.Null(world.FoCustomerOf("US5002"));
        Assert.NotNull(world.FoCustomerOf("US5003"));
        Assert.Equal((2L, 4L), (customers.Inserted, customers.Skipped));
    }

    [Fact]
    public void A_dry_run_reports_the_differences_per_map_and_writes_nothing()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "F&O name"));
        world.Dataverse.Save(World.Account, World.NewAccount("US0001", "Dataverse name"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Only in F&O"));
        world.Runtime.Link(new[] { "USMF" });
        var heads = (world.Fo.GetHead(), world.Dataverse.GetHead());
        var differences = new List<InitialSyncDifference>();
        var runner = Runner(world);

        var result = runner.DryRun(runner.Plan(), new InitialSyncOptions { Master = Side.Fo, Differences = differences.Add });

        Assert.True(result.DryRun);
        Assert.Equal(heads, (world.Fo.GetHead(), world.Dataverse.GetHead()));
        Assert.Empty(runner.GetRuns());
        Assert.Equal(2, differences.Count);
        var update = differences.Single(d => d.Change == InitialSyncChange.Update);
        Assert.Equal(("Customers", "USMF|US0001", Side.Dataverse), (update.Map, update.RecordKey, update.Target));
        Assert.Equal(new[] { "creditlimit", "name" }, update.Fields);
        Assert.Equal("USMF|US0002", differences.Single(d => d.Change == InitialSyncChange.Insert).RecordKey);
    }

    [Fact]
    public void Every_failed_row_is_kept_with_its_reason_and_a_rerun_retries_them()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        for (var i = 0; i < 7; i++)
        {
            var account = World.NewAccount($"US50{i:D2}", "Unmapped hold status " + i);
            account.msdyn_onholdstatus = 999;
            world.Dataverse.Save(World.Account, account);
        }

        var tooLong = World.NewAccount("US5100", new string('x', 150));
        world.Dataverse.Save(World.Account, tooLong);
        world.Runtime.Link(new[] { "USMF" });
        var runner = Runner(world);

        var result = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo, BatchSize = 3 });

        Assert.Equal(InitialSyncRunStatus.CompletedWithErrors, result.Status);
        var errors = runner.GetErrors(result.RunId!);
        Assert.Equal(8, errors.Count);
        Assert.All(errors.Take(7), e => Assert.Contains("Value map 'OnHoldStatusCodes' has no entry towards F&O for '999'", e.Reason));
        Assert.Contains("holds at most 100", errors[7].Reason);
        Assert.All(errors, e => Assert.Equal(("Customers", Side.Dataverse), (e.Map, e.SourceSide)));
        Assert.Contains("\"accountnumber\":\"US5100\"", errors[7].Row);

        // Fixing two rows and rerunning writes them and keeps the others with their reason.
        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 806380000 WHERE accountnumber IN ('US5000', 'US5001')");
        var rerun = runner.Rerun(result.RunId!);
        Assert.Equal(6, rerun.Errors);
        Assert.NotNull(world.FoCustomerOf("US5000"));
        Assert.NotNull(world.FoCustomerOf("US5001"));
        Assert.Equal(6, runner.GetErrors(result.RunId!).Count);

        var skipping = runner.Rerun(result.RunId!, skipErrors: true);
        Assert.Equal((InitialSyncRunStatus.Completed, 0L), (skipping.Status, skipping.Errors));
        Assert.All(runner.GetErrors(result.RunId!), e => Assert.True(e.Skipped));
    }

    [Fact]
    public void A_run_or_a_dry_run_must_name_its_master()
    {
        using var world = new World();
        var runner = Runner(world);

        var run = Assert.Throws<ArgumentException>(() => runner.Run(runner.Plan(), new InitialSyncOptions()));
        Assert.Throws<ArgumentException>(() => runner.DryRun(runner.Plan(), new InitialSyncOptions()));

        Assert.Contains("There is no default", run.Message);
        Assert.Empty(runner.GetRuns());
    }
}
