using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- staging [changes]</c>: one measured run (Stopwatch, not BenchmarkDotNet, since a
/// million-change run takes minutes and BenchmarkDotNet would repeat it): a paused CustomerGroups map stages
/// <c>changes</c> inserts (1,000,000 by default), then the resumed map replays them. Prints the staging and replay rates,
/// the process's peak working set and the peak growth of the managed heap.
/// </summary>
internal static class StagingMeasurement
{
    public static async Task RunAsync(int changes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-staging-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");
        try
        {
            using var fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(folder, "fo.db"), Path.Combine(schemas, "fo.metadata.xml"));
            using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(folder, "dataverse.db"), Path.Combine(schemas, "dataverse.metadata.xml"));
            using var state = new SqliteStateStore(Path.Combine(folder, "state.db"));
            using var runtime = new DualWriteRuntime(fo, dataverse, state, new IDualWriteMap[] { CustomerGroupsMap.Definition });
            await runtime.LinkAsync(new[] { "USMF" });
            await runtime.PauseAsync(CustomerGroupsMap.Name);
            Insert(fo, changes);

            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peakManaged = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = new Thread(() =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                    Thread.Sleep(10);
                }
            });
            sampler.Start();

            var clock = Stopwatch.StartNew();
            var staged = (await runtime.SyncOnceAsync()).Staged;
            var staging = clock.Elapsed;
            await runtime.ResumeAsync(CustomerGroupsMap.Name);
            clock.Restart();
            var replayed = (await runtime.SyncOnceAsync()).Replayed;
            var replay = clock.Elapsed;
            sampling.Cancel();
            sampler.Join();

            if (staged != changes || replayed != changes || runtime.GetMapState(CustomerGroupsMap.Name) != MapState.Running)
            {
                throw new InvalidOperationException($"Expected {changes} staged and replayed, got {staged} and {replayed}.");
            }

            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Changes | Staging (changes/s) | Replay (changes/s) | Peak working set | Peak managed growth |"));
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {changes:N0} | {changes / staging.TotalSeconds:N0} ({staging.TotalSeconds:F1} s) | {changes / replay.TotalSeconds:N0} ({replay.TotalSeconds:F1} s) | {process.PeakWorkingSet64 / (1024 * 1024)} MB | {peakManaged / (1024 * 1024)} MB |"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Insert(EmbeddedEnvironment fo, int count)
    {
        using var connection = new SqliteConnection(fo.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', $id, $description)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var description = command.Parameters.Add("$description", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < count; i++)
        {
            id.Value = "G" + i.ToString("D7", CultureInfo.InvariantCulture);
            description.Value = "Group " + i.ToString(CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
