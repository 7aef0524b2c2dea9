using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Postgres;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;
using DualWrite.Testing.Postgres;
using Microsoft.Data.Sqlite;

namespace DualWrite.Benchmarks.Hosts;

/// <summary>
/// Changes per second with one, two and three hosts sharing a PostgreSQL state store over the embedded environments,
/// against one host on SQLite. A <c>dotnet run</c> mode rather than a BenchmarkDotNet class: BenchmarkDotNet times one
/// method in one process, and this needs several runtimes running their live loops at once against a server it starts.
/// Each host is a runtime with its own environment connections and store connection, in this process.
/// </summary>
internal static class HostScaling
{
    private static readonly IDualWriteMap[] Maps = { CustomerGroupsMap.Definition, CustomersMap.Definition };
    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");

    public static async Task<int> Run(string[] args)
    {
        var changes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        using var cluster = new PostgresCluster();
        Console.WriteLine($"{changes:N0} new customers committed at once in F&O, synced to Dataverse by the hosts' live loops (10 ms poll); median of {repeats} runs.");
        Console.WriteLine("| hosts | state store | changes/s | write locks held | in state-store calls | runs (s) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---|");
        foreach (var (hosts, postgres) in new[] { (1, false), (1, true), (2, true), (3, true) })
        {
            var runs = new List<(double Seconds, Timings Timings)>();
            for (var run = 0; run < repeats; run++)
            {
                var timings = new Timings();
                runs.Add((await Measure(cluster, hosts, postgres, changes, timings), timings));
            }

            var median = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
            Console.WriteLine(
                $"| {hosts} | {(postgres ? "PostgreSQL, 16 partitions" : "SQLite")} | {changes / median.Seconds:N0} | {Share(median.Timings.LockHeldSeconds, median.Seconds)} | " +
                $"{Share(median.Timings.StateStoreSeconds, median.Seconds)} | {string.Join(", ", runs.Select(r => r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))} |");
        }

        return 0;
    }

    // Summed over the hosts, as a share of the run's wall time (above 100% when hosts overlap).
    private static string Share(double part, double whole) => string.Create(CultureInfo.InvariantCulture, $"{part:0.00} s ({part / whole:P0})");

    private static async Task<double> Measure(PostgresCluster cluster, int hostCount, bool postgres, int changes, Timings timings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-host-scaling", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var database = cluster.CreateDatabase();
        Func<IStateStore> openStore = postgres ? () => new PostgresStateStore(database.ConnectionString) : () => new SqliteStateStore(Path.Combine(folder, "state.db"));
        var disposables = new List<IDisposable>();
        var loops = new List<Task>();
        using var stop = new CancellationTokenSource();
        try
        {
            using var fo = OpenFo(folder);
            using var dataverse = OpenDataverse(folder);
            using (var store = openStore())
            using (var linker = new DualWriteRuntime(fo, dataverse, store, Maps))
            {
                await linker.LinkAsync(new[] { "USMF" });
                Execute(fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '30', 'Wholesale')");
                while ((await linker.SyncOnceAsync()).Read > 0)
                {
                }
            }

            for (var i = 0; i < hostCount; i++)
            {
                var (hostFo, hostDataverse, store) = (OpenFo(folder), OpenDataverse(folder), openStore());
                var timedStore = store is IPartitionedStateStore partitioned ? new TimedPartitionedStateStore(partitioned, timings) : new TimedStateStore(store, timings);
                var runtime = new DualWriteRuntime(
                    new TimedEnvironment(hostFo, timings),
                    new TimedEnvironment(hostDataverse, timings: null),
                    timedStore,
                    Maps,
                    workSharing: postgres ? new WorkSharingOptions { HostId = $"host-{i}" } : null);
                disposables.AddRange(new IDisposable[] { runtime, store, hostDataverse, hostFo });
                loops.Add(Task.Run(() => runtime.RunAsync(TimeSpan.FromMilliseconds(10), stop.Token)));
            }

            using (var watcher = openStore())
            {
                // The hosts first settle their split, so the run measures sharing rather than the rebalancing.
                while (postgres && watcher is PostgresStateStore shared && shared.GetLeases().GroupBy(l => l.HostId).Count(g => g.Key is not null) < hostCount)
                {
                    await Task.Delay(20);
                }

                await Task.Delay(500);
                InsertCustomers(fo, changes);
                var clock = Stopwatch.StartNew();
                timings.Reset();
                while (!CaughtUp(watcher, fo, dataverse))
                {
                    await Task.Delay(10);
                }

                var elapsed = clock.Elapsed.TotalSeconds;
                if (Scalar(dataverse, "SELECT COUNT(*) FROM accounts") != changes)
                {
                    throw new InvalidOperationException("The hosts caught up without writing every customer.");
                }

                return elapsed;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            foreach (var disposable in disposables)
            {
                disposable.Dispose();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static EmbeddedEnvironment OpenFo(string folder) => EmbeddedEnvironment.Open(Side.Fo, Path.Combine(folder, "fo.db"), Path.Combine(SchemaFolder, "fo.metadata.xml"));

    private static EmbeddedEnvironment OpenDataverse(string folder) => EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(folder, "dataverse.db"), Path.Combine(SchemaFolder, "dataverse.metadata.xml"));

    // Caught up when both Customers cursors (the least of their partitions, with PostgreSQL) stand at the heads.
    private static bool CaughtUp(IStateStore state, EmbeddedEnvironment fo, EmbeddedEnvironment dataverse)
    {
        var (foHead, dataverseHead) = (fo.GetHead(), dataverse.GetHead());
        var cursors = state.GetCursors().Where(c => c.Map == CustomersMap.Name).ToList();
        return cursors.Count == 2 && cursors.All(c => c.Sequence == (c.Side == Side.Fo ? foHead : dataverseHead));
    }

    private static void InsertCustomers(EmbeddedEnvironment fo, int count)
    {
        using var connection = new SqliteConnection(fo.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, PartyType, OnHoldStatus, PaymentTerms) " +
            "VALUES ('USMF', $account, $name, '30', 'Organization', 'No', 'Net30')";
        var account = command.Parameters.Add("$account", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        for (var i = 0; i < count; i++)
        {
            account.Value = string.Create(CultureInfo.InvariantCulture, $"C{i:000000}");
            name.Value = string.Create(CultureInfo.InvariantCulture, $"Customer {i}");
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
