using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.InitialSync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contoso.Integration.Host;

/// <summary>
/// <c>-- initial-sync [--master fo|dataverse]</c>: two environments that already hold data, seeded differently, brought
/// into agreement by the initial sync before live sync starts: dry run, run with progress, summary, error list, and a
/// live pass that finds nothing to do.
/// </summary>
internal static class InitialSyncSample
{
    private const string Usage = "Usage: dotnet run --project dsl-samples/Contoso.Integration.Host -- initial-sync [--master fo|dataverse]";
    private const int DifferencesShown = 3;
    private const string Unlinked = "GBSI";
    private static readonly string[] Linked = ["USMF", "DEMF"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (ParseMaster(args) is not { } master)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0} s] {text}");

        var folder = SampleHost.FreshFolder("dualwrite-sample-initial-sync");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDualWrite(options => SampleHost.Configure(options, folder, Linked));
        using var host = builder.Build();

        // The host is not started: its hosted service runs the live loop, and the initial sync must run while live sync does not.
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();
        var runtime = host.Services.GetRequiredService<DualWriteRuntime>();
        var (fo, dataverse) = (environments.Fo.ConnectionString, environments.Dataverse.ConnectionString);
        Console.WriteLine($"DualWrite sample: initial sync of the Contoso maps between two embedded environments in {folder}, {SideName(master)} as master");

        string[] companies = [.. Linked, Unlinked];
        Seed.Groups(fo, companies);
        Seed.Products(fo, 300);
        foreach (var company in companies)
        {
            InitialSyncSeed.FoCustomers(fo, company, company == "USMF" ? 1200 : company == "DEMF" ? 800 : 300);
            Seed.Vendors(fo, company, 120);
            Seed.Contacts(fo, company, 150);
        }

        await environments.Dataverse.EnsureCompaniesAsync(companies, CancellationToken.None);
        InitialSyncSeed.DataverseGroups(dataverse, companies);
        InitialSyncSeed.DataverseAccounts(dataverse, "USMF", 601, 1200, renameEvery: 7, creditEvery: 11);
        InitialSyncSeed.DataverseOnlyAccounts(dataverse, "USMF", 100);
        InitialSyncSeed.DataverseAccounts(dataverse, "DEMF", 1, 400, renameEvery: 9, creditEvery: 13);
        InitialSyncSeed.DataverseAccounts(dataverse, Unlinked, 1, 50, renameEvery: 5, creditEvery: 5);
        InitialSyncSeed.DataverseVendors(dataverse, "USMF", 60);
        InitialSyncSeed.DataverseProducts(dataverse, 200);
        Step("Seeded both sides with plain SQL before dual-write was switched on:");
        Console.WriteLine("          F&O: customer and vendor groups, 1,200 customers in USMF, 800 in DEMF, 300 in GBSI (every tenth a person), 120 vendors and 150 contacts per company, 300 products.");
        Console.WriteLine("          Dataverse: USMF accounts US0601-US1200 (every 7th renamed, every 11th another credit limit) and US5001-US5100 (Dataverse only; every 20th has");
        Console.WriteLine("          an on-hold status the value map does not know, two have names too long for F&O), DEMF US0001-US0400 (every 9th renamed),");
        Console.WriteLine("          50 accounts in GBSI, groups with one description changed and a group 50 of their own, 60 USMF vendors (every 4th another credit");
        Console.WriteLine("          limit) and 20 of their own, 200 products (every 6th renamed); no contacts.");
        var (foName, dataverseName) = Names(environments, "USMF", "US0602");
        Console.WriteLine($"          USMF US0602 is '{foName}' in F&O and '{dataverseName}' in Dataverse.");

        await runtime.LinkAsync(Linked);
        Step($"Linked {string.Join(" and ", Linked)}; {Unlinked} is not linked, so its records stay where they are. Live sync is not running.");

        var sync = new InitialSyncRunner(environments.Fo, environments.Dataverse, environments.State, DualWriteMaps.All);
        var plan = sync.Plan();
        Step($"Plan: {string.Join(" -> ", plan.Steps.Select(s => s.Map))}; each map after the maps it depends on.");

        var differences = new Dictionary<string, List<InitialSyncDifference>>(StringComparer.Ordinal);
        var dryRun = await sync.DryRunAsync(plan, new InitialSyncOptions
        {
            Master = master,
            Differences = d =>
            {
                if (!differences.TryGetValue(d.Map, out var list))
                {
                    differences[d.Map] = list = new List<InitialSyncDifference>();
                }

                list.Add(d);
            },
        });
        Step("Dry run: the differences per map, abridged. Nothing is written, so values a target column refuses fail only in the run.");
        foreach (var step in dryRun.Steps)
        {
            var found = differences.TryGetValue(step.Map, out var list) ? list : new List<InitialSyncDifference>();
            var inserts = found.Count(d => d.Change == InitialSyncChange.Insert);
            Console.WriteLine($"  {step.Map}: {inserts} insert(s), {found.Count - inserts} update(s), {step.Counts.Failed} would fail");
            foreach (var difference in found.Where(d => d.Change == InitialSyncChange.Update).Take(DifferencesShown).Concat(found.Where(d => d.Change == InitialSyncChange.Insert).Take(1)))
            {
                Console.WriteLine($"    {difference.Change.ToString().ToLowerInvariant()} {difference.RecordKey} in {SideName(difference.Target)}: {string.Join(", ", difference.Fields)}");
            }
        }

        Step($"Initial sync, {SideName(master)} as master, batches of 500:");
        var result = await sync.RunAsync(plan, new InitialSyncOptions { Master = master, BatchSize = 500, Progress = new ProgressLines() });
        Step($"Run {result.RunId}: {result.Status}.");
        Console.WriteLine();
        Console.WriteLine($"  {"map",-16}{"F&O read",10}{"DV read",9}{"inserted",10}{"updated",9}{"unchanged",11}{"skipped",9}{"failed",8}");
        foreach (var step in result.Steps)
        {
            Row(step.Map, step.Counts);
        }

        Row("total", result.Total);
        (foName, dataverseName) = Names(environments, "USMF", "US0602");
        Console.WriteLine($"  USMF US0602 is now '{foName}' in F&O and '{dataverseName}' in Dataverse.");

        var errors = sync.GetErrors(result.RunId!);
        Console.WriteLine();
        Console.WriteLine($"Error list of the run: {errors.Count} (dualwrite initial-sync rerun retries them once fixed)");
        foreach (var error in errors)
        {
            Console.WriteLine($"  {error.Map} {error.RecordKey} from {SideName(error.SourceSide)}: {error.Reason}");
        }

        var live = await runtime.SyncOnceAsync();
        Console.WriteLine();
        Step($"A live pass afterwards (runtime.SyncOnceAsync) read {live.Read:N0} change(s), the initial sync's own writes: synced {live.Synced}, failed {live.Failed}, queued {live.Queued}. Nothing to do.");
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s. The same with the tool: dotnet run --project runtime/DualWrite.Cli -- initial-sync errors {result.RunId} " +
            $"--maps dsl-samples/Contoso.Integration/bin/Debug/net10.0/Contoso.Integration.dll --state {Path.Combine(folder, "state.db")} " +
            $"--fo {Path.Combine(folder, "fo.db")} --dataverse {Path.Combine(folder, "dataverse.db")} " +
            "--fo-schema dsl-samples/Contoso.Integration/schemas/fo.metadata.xml --dataverse-schema dsl-samples/Contoso.Integration/schemas/dataverse.metadata.xml");
        return live.IsIdle ? 0 : 1;
    }

    private static Side? ParseMaster(string[] args) => args switch
    {
        [] => Side.Fo,
        ["--master", var side] when side.Equals("fo", StringComparison.OrdinalIgnoreCase) => Side.Fo,
        ["--master", var side] when side.Equals("dataverse", StringComparison.OrdinalIgnoreCase) => Side.Dataverse,
        _ => null,
    };

    private static string SideName(Side side) => side == Side.Fo ? "F&O" : "Dataverse";

    private static void Row(string map, InitialSyncCounts c) =>
        Console.WriteLine($"  {map,-16}{c.FoRead,10:N0}{c.DataverseRead,9:N0}{c.Inserted,10:N0}{c.Updated,9:N0}{c.Unchanged,11:N0}{c.Skipped,9:N0}{c.Failed,8:N0}");

    private static (string? Fo, string? Dataverse) Names(DualWriteEnvironments environments, string company, string account) =>
        (environments.Fo.Query(CustomersMap.Definition.Fo).Single(c => c.dataAreaId == company && c.CustomerAccount == account).OrganizationName,
         environments.Dataverse.Query(CustomersMap.Definition.Dataverse).Single(a => a.msdyn_company?.cdm_companycode == company && a.accountnumber == account).name);

    /// <summary>
    /// A line per step when it completes, and while it runs at most one every quarter second of its time: enough to see
    /// rows/s and the time left without flooding the console. Runs on the sync's thread, in order.
    /// </summary>
    private sealed class ProgressLines : IProgress<InitialSyncProgress>
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.25);
        private readonly Dictionary<int, TimeSpan> _last = new();

        public void Report(InitialSyncProgress p)
        {
            var title = $"  [{p.Step}/{p.StepCount}] {p.Map}";
            if (p.Completed)
            {
                Console.WriteLine($"{title}: {p.RowsRead:N0} rows in {p.Elapsed.TotalSeconds:0.00} s ({p.RowsPerSecond:N0} rows/s), done");
                return;
            }

            if (_last.TryGetValue(p.Step, out var last) && p.Elapsed - last < Interval)
            {
                return;
            }

            _last[p.Step] = p.Elapsed;
            var left = p.Remaining is { } remaining ? $"about {remaining.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s left" : "estimating";
            Console.WriteLine($"{title}: {p.RowsRead:N0} of {p.RowsTotal:N0} rows, {p.RowsPerSecond:N0} rows/s, {left}");
        }
    }
}
