using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Contoso.Integration;
using DualWrite.Runtime;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Cli.Tests;

public sealed class InitialSyncCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    // The test's own copy of the generated maps; the tool loads it into a context of its own, as it would a user's build.
    private static string Maps => typeof(DualWriteMaps).Assembly.Location;

    private string FoPath => Path.Combine(_folder.Path, "fo.db");

    private string DataversePath => Path.Combine(_folder.Path, "dataverse.db");

    private string StatePath => Path.Combine(_folder.Path, "state.db");

    private static string FoSchema => Path.Combine(RepoPaths.Sample, "schemas", "fo.metadata.xml");

    private static string DataverseSchema => Path.Combine(RepoPaths.Sample, "schemas", "dataverse.metadata.xml");

    [Fact]
    public void Plan_prints_the_maps_in_order_with_what_each_depends_on()
    {
        var plan = Cli.Run("initial-sync", "plan", "--maps", Maps);

        Assert.Equal(0, plan.ExitCode);
        var lines = plan.Output.Split('\n');
        Assert.Equal("Initial-sync plan: 7 step(s) for 7 map(s).", lines[0]);
        Assert.Matches(@"^step\s+map\s+pass\s+depends on$", lines[1]);
        Assert.Equal(
            new[] { "1 Currencies all -", "2 VendorGroups all -", "3 CustomerGroups all -", "4 Customers all CustomerGroups", "5 Contacts all Customers", "6 Products all -", "7 Vendors all VendorGroups" },
            lines.Skip(2).Take(7).Select(l => Regex.Replace(l, @"\s+", " ")));
    }

    [Fact]
    public void A_reorder_is_checked_and_one_that_breaks_a_dependency_is_refused_with_the_reason()
    {
        var valid = Cli.Run("initial-sync", "plan", "--maps", Maps, "--order", "Products,VendorGroups,Vendors,CustomerGroups,Customers,Contacts,Currencies", "--skip", "vendors");
        var refused = Cli.Run("initial-sync", "plan", "--maps", Maps, "--order", "VendorGroups,Customers,CustomerGroups,Contacts,Products,Vendors,Currencies");

        Assert.Equal(0, valid.ExitCode);
        Assert.Matches(@"\n1\s+Products\s+all", valid.Output);
        Assert.Matches(@"\n3\s+Vendors \(skipped\)\s+all\s+VendorGroups", valid.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            "dualwrite initial-sync plan: 'Customers' cannot run before 'CustomerGroups': it depends on it (an 'after' clause or a lookup to its table), so 'CustomerGroups' must come first.\n",
            refused.Error);
        Assert.Empty(refused.Output);
    }

    [Fact]
    public void An_assembly_without_generated_maps_is_a_usage_error()
    {
        var cli = Cli.Run("initial-sync", "plan", "--maps", typeof(Program).Assembly.Location);
        var missing = Cli.Run("initial-sync", "plan", "--maps", Path.Combine(_folder.Path, "nope.dll"));

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("dualwrite has no generated DualWriteMaps class", cli.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.dll' does not exist.", missing.Error);
    }

    [Fact]
    public void A_dry_run_prints_the_differences_per_map_and_writes_nothing()
    {
        Seed();
        Cli.Run(Linked("link", "--companies", "usmf"));
        var heads = Heads();

        var noMaster = Cli.Run(Linked("initial-sync", "dry-run", "--maps", Maps));
        Assert.NotEqual(0, noMaster.ExitCode);
        var dryRun = Cli.Run(Linked("initial-sync", "dry-run", "--maps", Maps, "--master", "fo"));

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(heads, Heads());
        Assert.Contains("VendorGroups: no differences\n", dryRun.Output);
        Assert.Contains("CustomerGroups: no differences\n", dryRun.Output);
        Assert.Contains(
            "Customers: 2 insert(s), 1 update(s)\n" +
            "  update USMF|US0001 in Dataverse: creditlimit, name\n" +
            "  insert USMF|US0002 in Dataverse: ",
            dryRun.Output);
        Assert.Contains("  insert USMF|US5001 in F&O: ", dryRun.Output);
        Assert.Matches(@"\nCustomers\s+all\s+Completed\s+3\s+3\s+2\s+1\s+0\s+1\s+1\n", dryRun.Output);
        Assert.Contains("Dry run with F&O as master", dryRun.Output);
        using var state = new SqliteStateStore(StatePath);
        Assert.Empty(state.GetRuns());
    }

    [Fact]
    public void A_run_prints_progress_and_the_summary_and_errors_lists_every_failed_row()
    {
        Seed();
        Cli.Run(Linked("link", "--companies", "usmf"));

        var run = Cli.Run(Linked("initial-sync", "run", "--maps", Maps, "--master", "dataverse", "--batch-size", "2", "--skip", "Vendors"));

        // A failed row makes the exit code 1, so scripts notice; the run itself finished.
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"\[4/7\] Customers: 6 rows in \d+\.\d s \([\d,]+ rows/s\); read 3 F&O \+ 3 Dataverse, inserted 2, updated 1, unchanged 0, skipped 1, failed 1\n", run.Output);
        Assert.Matches(@"\nCustomers\s+all\s+Completed\s+3\s+3\s+2\s+1\s+0\s+1\s+1\n", run.Output);
        Assert.Matches(@"\nVendors\s+all\s+Skipped\s+0\s+0\s+0", run.Output);
        var runId = Regex.Match(run.Output, @"Run (\w+): CompletedWithErrors with Dataverse as master in \d+\.\d s; 1 row\(s\) in the error list\.").Groups[1].Value;
        Assert.NotEmpty(runId);
        Assert.Contains("  #1 Customers USMF|US5002: from Dataverse, all pass\n      The transform dataverse-to-fo failed: Value map 'OnHoldStatusCodes' has no entry towards F&O for '999'", run.Output);

        using (var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema))
        using (var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema))
        {
            var customers = fo.Query(CustomersMap.Definition.Fo).ToDictionary(c => (c.dataAreaId!, c.CustomerAccount!));
            Assert.Equal("Dataverse name", customers[("USMF", "US0001")].OrganizationName);
            Assert.Equal("Only in Dataverse", customers[("USMF", "US5001")].OrganizationName);
            Assert.False(customers.ContainsKey(("USMF", "US5002")));
            var accounts = dataverse.Query(CustomersMap.Definition.Dataverse).ToDictionary(a => a.accountnumber!);
            Assert.Equal(("Only in F&O", 1000m), (accounts["US0002"].name, accounts["US0002"].creditlimit));
            Assert.DoesNotContain(accounts.Values, a => a.msdyn_company?.cdm_companycode == "DEMF");
        }

        var errors = Cli.Run(Linked("initial-sync", "errors", runId, "--maps", Maps));
        Assert.Equal(0, errors.ExitCode);
        Assert.StartsWith("Errors: 1\n  #1 Customers USMF|US5002: from Dataverse, all pass\n      The transform dataverse-to-fo failed: Value map 'OnHoldStatusCodes' has no entry towards F&O for '999'", errors.Output);
        Assert.Contains("      row {", errors.Output);
        Assert.Contains("\"accountnumber\":\"US5002\"", errors.Output);

        var runs = Cli.Run(Linked("initial-sync", "runs", "--maps", Maps));
        Assert.Matches($@"\n{runId}\s+Dataverse\s+CompletedWithErrors\s+\S+ \S+\s+\S+ \S+\s+1\n", runs.Output);

        var skipping = Cli.Run(Linked("initial-sync", "rerun", runId, "--skip-errors", "--maps", Maps));
        Assert.Equal(0, skipping.ExitCode);
        Assert.Contains($"Run {runId}: Completed with Dataverse as master", skipping.Output);
        Assert.Contains("  #1 Customers USMF|US5002: from Dataverse, all pass (skipped)", Cli.Run(Linked("initial-sync", "errors", runId, "--maps", Maps)).Output);
    }

    [Fact]
    public void Resume_finishes_a_stopped_run()
    {
        using (var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema))
        using (var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema))
        {
            dataverse.EnsureCompanies(new[] { "USMF" });
            fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
            for (var i = 1; i <= 9; i++)
            {
                fo.Save(CustomersMap.Definition.Fo, Customer($"US{i:0000}", "Customer " + i));
            }
        }

        Cli.Run(Linked("link", "--companies", "usmf"));
        using (var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema))
        using (var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema))
        using (var state = new SqliteStateStore(StatePath))
        {
            var runner = new InitialSyncRunner(fo, dataverse, state, DualWriteMaps.All);
            using var stop = new CancellationTokenSource();
            var options = new InitialSyncOptions { Master = Side.Fo, BatchSize = 3, Progress = new StopAt(stop, "Customers", inserted: 3) };
            Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(runner.Plan(), options, stop.Token));
        }

        string runId;
        using (var state = new SqliteStateStore(StatePath))
        {
            runId = Assert.Single(state.GetRuns()).Id;
        }

        var resume = Cli.Run(Linked("initial-sync", "resume", runId, "--maps", Maps));

        Assert.Equal(0, resume.ExitCode);
        // The groups' step had finished and is not run again; Customers continues after its checkpoint.
        Assert.DoesNotContain("[3/7]", resume.Output);
        Assert.StartsWith("[4/7] Customers: 9 rows in ", resume.Output);
        Assert.Matches(@"\nCustomers\s+all\s+Completed\s+9\s+0\s+9\s+0\s+0\s+0\s+0\n", resume.Output);
        Assert.Contains($"Run {runId}: Completed with F&O as master", resume.Output);
        using var environment = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema);
        Assert.Equal(9, environment.Query(CustomersMap.Definition.Dataverse).Count);
    }

    [Fact]
    public void Running_before_the_environments_are_linked_is_refused()
    {
        Seed();
        new SqliteStateStore(StatePath).Dispose();

        var run = Cli.Run(Linked("initial-sync", "run", "--maps", Maps, "--master", "fo"));
        var unknown = Cli.Run(Linked("initial-sync", "errors", "nope", "--maps", Maps));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("dualwrite initial-sync run: The environments are not linked; link them first.\n", run.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no initial-sync run 'nope'.", unknown.Error);
    }

    public void Dispose()
    {
        // What the tool and the hosts opened, they disposed, clearing their own pools; ClearAllPools would also pull idle
        // connections from under tests running in parallel.
        _folder.Dispose();
    }

    private static Fo.CustomerV3 Customer(string account, string name, string company = "USMF") => new()
    {
        dataAreaId = company, CustomerAccount = account, OrganizationName = name, CustomerGroupId = "30", CreditLimit = 1000m, PaymentTerms = "Net30",
        OnHoldStatus = Fo.CustVendorBlocked.No, PartyType = Fo.DirPartyBaseType.Organization, AddressCity = "Seattle",
    };

    private static Dataverse.Account Account(string number, string name) => new()
    {
        accountnumber = number, name = name, customertypecode = 3, statecode = 0, msdyn_onholdstatus = 806380000, msdyn_paymentterms = 1, address1_city = "Seattle",
        msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "USMF" },
        msdyn_customergroupid = new Dataverse.Msdyn_customergroup { msdyn_groupid = "30" },
    };

    /// <summary>
    /// Data that exists before dual-write is switched on, different on each side: group 30 on both; customer US0001 on
    /// both with other names; US0002 only in F&amp;O, US5001 only in Dataverse; US5002 in Dataverse with an on-hold
    /// status the value map does not know; and a customer in DEMF, which stays unlinked.
    /// </summary>
    private void Seed()
    {
        using var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema);
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema);
        dataverse.EnsureCompanies(new[] { "USMF" });
        fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        dataverse.Save(CustomerGroupsMap.Definition.Dataverse, new Dataverse.Msdyn_customergroup
        {
            msdyn_groupid = "30", msdyn_description = "Wholesale", msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "USMF" },
        });
        fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "F&O name"));
        fo.Save(CustomersMap.Definition.Fo, Customer("US0002", "Only in F&O"));
        fo.Save(CustomersMap.Definition.Fo, Customer("US0001", "Unlinked company", company: "DEMF"));
        dataverse.Save(CustomersMap.Definition.Dataverse, Account("US0001", "Dataverse name"));
        dataverse.Save(CustomersMap.Definition.Dataverse, Account("US5001", "Only in Dataverse"));
        var unknownHold = Account("US5002", "Unknown on-hold status");
        unknownHold.msdyn_onholdstatus = 999;
        dataverse.Save(CustomersMap.Definition.Dataverse, unknownHold);
    }

    private (long Fo, long Dataverse) Heads()
    {
        using var fo = EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema);
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema);
        return (fo.GetHead(), dataverse.GetHead());
    }

    private string[] Linked(params string[] command) =>
        command.Concat(new[] { "--state", StatePath, "--fo", FoPath, "--dataverse", DataversePath, "--fo-schema", FoSchema, "--dataverse-schema", DataverseSchema }).ToArray();

    /// <summary>Cancels the run once a map has inserted enough rows, as Ctrl+C would between batches.</summary>
    private sealed class StopAt(CancellationTokenSource stop, string map, long inserted) : IProgress<InitialSyncProgress>
    {
        public void Report(InitialSyncProgress value)
        {
            if (value.Map == map && value.Counts.Inserted >= inserted)
            {
                stop.Cancel();
            }
        }
    }
}
