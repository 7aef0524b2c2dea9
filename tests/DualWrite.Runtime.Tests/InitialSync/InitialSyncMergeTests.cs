using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.InitialSync;
using Dataverse = Contoso.Integration.Dataverse;
using static DualWrite.Runtime.Tests.InitialSyncWorld;

namespace DualWrite.Runtime.Tests.InitialSync;

/// <summary>The merge of one map: which rows it takes, what it counts, and where it may end a batch.</summary>
public sealed class InitialSyncMergeTests
{
    [Fact]
    public void Rows_of_a_company_that_is_not_linked_are_skipped_on_both_sides_and_counted_once()
    {
        using var world = Unlinked(new[] { "USMF", "DEMF" });
        SeedGroupOnBothSides(world);
        SeedGroupOnBothSides(world, company: "DEMF");
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "F&O DEMF", company: "DEMF"));
        world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Dataverse DEMF", company: "DEMF"));
        world.Runtime.Link(new[] { "USMF" });

        var result = Run(world);

        Assert.Equal((InitialSyncRunStatus.Completed, 0L), (result.Status, result.Errors));
        Assert.Null(world.AccountOf("US0001", "DEMF"));
        Assert.Null(world.FoCustomerOf("US5001", "DEMF"));
        var customers = result.Steps.Single(s => s.Map == "Customers").Counts;
        Assert.Equal((1L, 1L, 2L, 0L, 0L), (customers.FoRead, customers.DataverseRead, customers.Skipped, customers.Inserted, customers.Failed));
        var groups = result.Steps.Single(s => s.Map == "CustomerGroups").Counts;
        Assert.Equal((2L, 2L, 1L, 1L), (groups.FoRead, groups.DataverseRead, groups.Unchanged, groups.Skipped));
    }

    // A side's keys are unique as the merge compares them (its order is the databases' NOCASE), so a key never spans two
    // rows of one side, and every record is a place where a batch may end.
    [Fact]
    public void Records_on_one_side_only_end_a_batch_at_every_batch_size_records()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        foreach (var number in new[] { "US5001", "US5002", "US5003" })
        {
            world.Dataverse.Save(World.Account, World.NewAccount(number, "Account " + number));
        }

        world.Runtime.Link(new[] { "USMF" });
        var batches = new List<(long, bool)>();
        var runner = Runner(world);

        runner.Run(runner.Plan(), new InitialSyncOptions
        {
            Master = Side.Fo,
            BatchSize = 1,
            Progress = new Inline<InitialSyncProgress>(p =>
            {
                if (p.Map == "Customers")
                {
                    batches.Add((p.RowsRead, p.Completed));
                }
            }),
        });

        Assert.Equal(new[] { (1L, false), (2L, false), (3L, false), (3L, true) }, batches);
    }

    [Fact]
    public void Writes_the_service_refuses_at_the_commit_are_retried_one_by_one_and_only_the_refused_ones_fail()
    {
        using var world = Unlinked();
        SeedGroupOnBothSides(world);
        foreach (var account in new[] { "US0001", "US0002", "US0003", "US0004" })
        {
            world.Fo.Save(World.FoCustomer, World.Customer(account, "F&O " + account));
        }

        world.Dataverse.Save(World.Account, World.NewAccount("US0004", "Dataverse US0004"));
        world.Runtime.Link(new[] { "USMF" });
        using var refusing = new RefusingEnvironment(world.Dataverse, e => e is Dataverse.Account { accountnumber: "US0002" or "US0003" or "US0004" } a ? a.accountnumber : null);
        var runner = new InitialSyncRunner(world.Fo, refusing, world.State, world.Maps);

        var result = runner.Run(runner.Plan(), new InitialSyncOptions { Master = Side.Fo });

        var customers = result.Steps.Single(s => s.Map == "Customers").Counts;
        Assert.Equal((1L, 0L, 3L), (customers.Inserted, customers.Updated, customers.Failed));
        var usmf = Assert.Single(customers.Companies);
        Assert.Equal(("USMF", 5L, 1L, 3L), (usmf.Key, usmf.Value.Read, usmf.Value.Written, usmf.Value.Failed));
        var errors = runner.GetErrors(result.RunId!);
        Assert.Equal(
            new[] { ("USMF|US0002", "The service refused US0002."), ("USMF|US0003", "The service refused US0003."), ("USMF|US0004", "The service refused US0004.") },
            errors.Select(e => (e.RecordKey, e.Reason)));
        Assert.NotNull(world.AccountOf("US0001"));
        Assert.Null(world.AccountOf("US0002"));
        Assert.Null(world.AccountOf("US0003"));
        Assert.Equal("Dataverse US0004", world.AccountOf("US0004")!.name);
    }
}
