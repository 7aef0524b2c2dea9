using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Postgres;
using DualWrite.Testing.Postgres;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// One, two and three hosts sharing a PostgreSQL state store (a throwaway server, as the tests start) against the
/// out-of-process services: each host is a runtime with its own connectors, user (token) and store connection,
/// running its live loop; the hosts share the connectors' journals (one folder), since partition cursors count in the
/// journals' sequences. <c>changes</c> new F&amp;O groups are committed at once, and the run is timed until Dataverse's
/// change log holds a write for each; then every group is checked, written once.
/// </summary>
internal static class HostsMeasurement
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(int changes, ServiceLimits? limits)
    {
        if (PostgresBinaries.Folder is null)
        {
            Console.WriteLine($"| 1-3 hosts | {changes:N0} | | | | | | | skipped: {PostgresBinaries.InstallHint} |");
            return;
        }

        using var cluster = new PostgresCluster();
        var measured = new Dictionary<int, (double Rate, Ceilings Ceilings)>();
        foreach (var hosts in new[] { 1, 2, 3 })
        {
            var run = hosts == 1 ? "1 host, PostgreSQL state" : $"{hosts} hosts, PostgreSQL state";
            try
            {
                measured[hosts] = await MeasureAsync(run, cluster, hosts, changes, limits);
            }
            catch (Exception e)
            {
                ResultTable.Failed(run, changes, e);
            }
        }

        if (measured.TryGetValue(1, out var one) && measured.TryGetValue(3, out var three))
        {
            Console.WriteLine();
            Console.WriteLine(Scaling(one, three));
        }
    }

    /// <summary>
    /// Three hosts against one, and when they fall short of the 2.5 times the issue targets, why: the ceiling one host
    /// already stood under (all hosts share this machine's cores with the services, so the physical ceiling does not
    /// grow with hosts) bounds what three can add.
    /// </summary>
    private static string Scaling((double Rate, Ceilings Ceilings) one, (double Rate, Ceilings Ceilings) three)
    {
        var ratio = three.Rate / one.Rate;
        var headroom = one.Ceilings.Smaller / one.Rate;
        var text = string.Create(CultureInfo.InvariantCulture, $"Three hosts / one host: {ratio:0.00}x (target 2.5x).");
        return ratio >= 2.5 ? text : text + string.Create(
            CultureInfo.InvariantCulture,
            $" One host reached {one.Rate / one.Ceilings.Smaller:P0} of its {one.Ceilings.Bound} ceiling ({one.Ceilings.Smaller:N0}/s), so no number of hosts could go beyond {headroom:0.00}x here; three hosts' own ceiling is {three.Ceilings.Smaller:N0}/s ({three.Ceilings.Bound}).");
    }

    private static async Task<(double Rate, Ceilings Ceilings)> MeasureAsync(string run, PostgresCluster cluster, int hostCount, int changes, ServiceLimits? limits)
    {
        using var folder = new ScratchFolder();
        using var database = cluster.CreateDatabase();
        var arguments = new List<string> { "--users", hostCount.ToString(CultureInfo.InvariantCulture) };
        arguments.AddRange(limits?.Arguments() ?? Array.Empty<string>());
        await using var services = await LocalServicesProcess.StartAsync(arguments);
        using (var connectors = ClientConnectors.Open(services, folder.Path, LocalServicesProcess.Token))
        using (var store = new PostgresStateStore(database.ConnectionString))
        using (var linker = new DualWriteRuntime(connectors.Fo, connectors.Dataverse, store, ClientConnectors.Maps))
        {
            await linker.LinkAsync(new[] { CustomerGroupRows.Company });
        }

        var disposables = new List<IDisposable>();
        var loops = new List<Task>();
        using var stop = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < hostCount; i++)
            {
                var token = i == 0 ? LocalServicesProcess.Token : $"{LocalServicesProcess.Token}-{i + 1}";
                var connectors = ClientConnectors.Open(services, folder.Path, token);
                var store = new PostgresStateStore(database.ConnectionString);
                var runtime = new DualWriteRuntime(connectors.Fo, connectors.Dataverse, store, ClientConnectors.Maps, workSharing: new WorkSharingOptions { HostId = $"host-{i + 1}" });
                disposables.AddRange(new IDisposable[] { runtime, store, connectors });
                loops.Add(Task.Run(() => runtime.RunAsync(PollInterval, stop.Token)));
            }

            using var watcher = new PostgresStateStore(database.ConnectionString);
            var settling = Stopwatch.StartNew();
            while (watcher.GetLeases().Where(l => l.HostId is not null).Select(l => l.HostId).Distinct().Count() < hostCount)
            {
                await Wait(settling, "The hosts did not share the partitions", loops);
            }

            var head = await CustomerGroupRows.DataverseHeadAsync(services);
            await ServiceRequests.TakeAsync(services);
            await CustomerGroupRows.InsertAsync(services, "H", 0, changes, "hosts");
            var meter = ProcessMeter.Start();
            using var memory = MemorySampler.Start();
            var clock = Stopwatch.StartNew();

            // Counting the change log's writes is one indexed query; checking every row is left to the end.
            while ((await CustomerGroupRows.VerifyAsync(services, "H", 0, 0, "hosts", head)).Writes < changes)
            {
                await Wait(clock, "The hosts did not write every change", loops);
            }

            meter.Stop();
            var requests = await ServiceRequests.TakeAsync(services);
            var verification = await CustomerGroupRows.VerifyAsync(services, "H", 0, changes, "hosts", head);
            var ceilings = ResultTable.Row(
                run,
                changes,
                meter,
                memory,
                requests,
                limits?.Ceiling(hostCount),
                verification.Failure(changes) ?? "each change applied once");
            return (changes / meter.Wall.TotalSeconds, ceilings);
        }
        finally
        {
            await stop.CancelAsync();
            // A loop that failed has been reported by Wait; the others end by cancellation.
            await Task.WhenAll(loops).ContinueWith(_ => { }, TaskScheduler.Default);

            foreach (var disposable in disposables)
            {
                disposable.Dispose();
            }
        }
    }

    private static Task Wait(Stopwatch since, string failure, IEnumerable<Task> loops)
    {
        if (loops.FirstOrDefault(l => l.IsFaulted)?.Exception?.GetBaseException() is { } error)
        {
            throw new InvalidOperationException("A host's live loop failed: " + error.Message, error);
        }

        return since.Elapsed < Patience ? Task.Delay(100) : throw new TimeoutException($"{failure} within {Patience.TotalMinutes:0} minutes.");
    }
}
