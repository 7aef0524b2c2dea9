using System;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// Initial sync over HTTP, client measured alone: the services start with <c>rows</c> F&amp;O customer groups and an
/// empty Dataverse, the client links and runs the initial sync of the <c>CustomerGroups</c> map with F&amp;O as master.
/// Rows per second, the client's CPU and allocations per row and its peak working set, which should not grow with
/// the rows (both sides are read in pages). The services then check that Dataverse holds every group, written once.
/// </summary>
internal static class InitialSyncMeasurement
{
    /// <param name="foPageSize">F&amp;O rows per page the connector asks for; null for its default.</param>
    public static async Task RunAsync(string run, int rows, int? foPageSize)
    {
        try
        {
            using var folder = new ScratchFolder();
            await using var services = await LocalServicesProcess.StartAsync(new[] { "--seed", CustomerGroupRows.Seed("I", rows, "initial") });
            using var connectors = ClientConnectors.Open(services, folder.Path, LocalServicesProcess.Token, foPageSize: foPageSize);
            using var state = new SqliteStateStore(System.IO.Path.Combine(folder.Path, "state.db"));
            string linking;
            using (var linkMemory = MemorySampler.Start())
            using (var linker = new DualWriteRuntime(connectors.Fo, connectors.Dataverse, state, ClientConnectors.Maps))
            {
                await linker.LinkAsync(new[] { CustomerGroupRows.Company });
                linking = linkMemory.Describe();
            }

            // The link reads every F&O row into its journal's baseline and holds the read until it files it (FeedRead),
            // so its peak grows with the rows; it is reported apart, and its heap given back before the initial sync is
            // sampled, so that the row's working set is the initial sync's own.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

            var head = await CustomerGroupRows.DataverseHeadAsync(services);
            await ServiceRequests.TakeAsync(services);
            var runner = new InitialSyncRunner(connectors.Fo, connectors.Dataverse, state, ClientConnectors.Maps);
            var plan = runner.Plan();
            InitialSyncResult result;
            var meter = ProcessMeter.Start();
            using (var memory = MemorySampler.Start())
            {
                result = await runner.RunAsync(plan, new InitialSyncOptions { Master = Side.Fo, BatchSize = ServiceLimits.ChangesPerWrite });
                meter.Stop();
                var requests = await ServiceRequests.TakeAsync(services);
                var verification = await CustomerGroupRows.VerifyAsync(services, "I", 0, rows, "initial", head);
                var check = result.Errors > 0 ? $"{result.Errors} errors"
                    : result.Total.Inserted != rows ? $"{result.Total.Inserted} inserted"
                    : verification.Failure(rows) ?? "every row written once";
                check += "; the link before it: " + linking;
                ResultTable.Row(run, rows, meter, memory, requests, limits: null, check);
            }
        }
        catch (Exception e)
        {
            ResultTable.Failed(run, rows, e);
        }
    }
}
