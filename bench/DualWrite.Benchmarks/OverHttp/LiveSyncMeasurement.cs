using System;
using System.Threading.Tasks;
using DualWrite.Benchmarks.OverHttp.Profiling;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// Live sync over HTTP, client measured alone: the services (another process) commit <c>changes</c> F&amp;O changes to
/// customer groups in <c>rounds</c> rounds (the first inserts the groups, each later one edits all of them), and after
/// each round the client's sync passes run until one reads nothing. Only the passes are measured. After every round
/// the services check that Dataverse holds each group with that round's value and that its change log got exactly one
/// write per group: every change applied once, and the later after the earlier. With <c>profile</c>, the run's CPU time
/// and allocations are split by stage and by type after its row (<see cref="ClientProfile"/>). With <c>requestLog</c>, the
/// measured part's requests and the harness's steps go to that file (<see cref="RequestLog"/>); <c>bulkChunkSize</c> sets
/// the Dataverse connector's records per bulk message.
/// </summary>
internal static class LiveSyncMeasurement
{
    // A warm-up round's changes: several rounds, so that the methods a pass calls once also run often enough to be
    // compiled at their final tier before the measured part.
    private const int WarmUpRound = 1_000;
    private const int MaxPasses = 1000;

    public static async Task RunAsync(string run, int changes, int rounds, int warmUp, ServiceLimits? limits, bool profile = false, string? requestLog = null, int? bulkChunkSize = null, int? maxChangesPerPass = null)
    {
        var groups = changes / rounds;
        changes = groups * rounds;
        try
        {
            using var folder = new ScratchFolder();
            await using var services = await LocalServicesProcess.StartAsync(limits?.Arguments() ?? Array.Empty<string>());
            using var log = requestLog is null ? null : new RequestLog(requestLog);
            using var connectors = ClientConnectors.Open(services, folder.Path, LocalServicesProcess.Token, limits, log: log, bulkChunkSize: bulkChunkSize);
            using var state = new SqliteStateStore(System.IO.Path.Combine(folder.Path, "state.db"));
            using var profiler = profile ? new ClientProfile() : null;
            var options = new DualWriteRuntimeOptions();
            options.MaxChangesPerPass = maxChangesPerPass ?? options.MaxChangesPerPass;
            using var runtime = profiler is null
                ? new DualWriteRuntime(connectors.Fo, connectors.Dataverse, state, ClientConnectors.Maps, options: options)
                : new DualWriteRuntime(profiler.Measured(connectors.Fo), profiler.Measured(connectors.Dataverse), state, ClientConnectors.Maps, options: options);
            await runtime.LinkAsync(new[] { CustomerGroupRows.Company });

            // The first passes pay for JIT compilation (tiered: a method is compiled again, optimized, after its first
            // 30 calls) and connection set-up; a long-running host pays them once, so they are not its cost per change.
            warmUp = Math.Min(warmUp, groups / 2);
            for (var start = 0; start < warmUp; start += WarmUpRound)
            {
                await CustomerGroupRows.InsertAsync(services, "W", start, Math.Min(WarmUpRound, warmUp - start), "warm-up");
                await SyncUntilQuietAsync(runtime);
            }

            await ServiceRequests.TakeAsync(services);

            var meter = new ProcessMeter();
            using var memory = MemorySampler.Start();
            string? failure = null;
            for (var round = 1; round <= rounds; round++)
            {
                var description = "round " + round;
                long head;
                using (log?.Begin("edits of " + description))
                {
                    head = await CustomerGroupRows.DataverseHeadAsync(services);
                    await (round == 1
                        ? CustomerGroupRows.InsertAsync(services, "B", 0, groups, description)
                        : CustomerGroupRows.UpdateAsync(services, "B", 0, groups, description));
                }

                meter.Resume();
                profiler?.Resume();
                var failed = await SyncUntilQuietAsync(runtime, log);
                profiler?.Stop();
                meter.Stop();
                Verification verification;
                using (log?.Begin("check of " + description))
                {
                    verification = await CustomerGroupRows.VerifyAsync(services, "B", 0, groups, description, head);
                }

                failure ??= failed > 0 ? $"round {round}: {failed} failed" : verification.Failure(groups) is { } wrong ? $"round {round}: {wrong}" : null;
            }

            var requests = await ServiceRequests.TakeAsync(services);
            ResultTable.Row(
                run,
                changes,
                meter,
                memory,
                requests,
                limits?.Ceiling(executionPerChange: requests.DataverseExecution / changes),
                failure ?? $"each change applied once, in order ({rounds} rounds of {groups:N0} groups)");
            profiler?.Print(changes, meter);
        }
        catch (Exception e)
        {
            ResultTable.Failed(run, changes, e);
        }
    }

    /// <summary>Sync passes until one reads nothing; returns the changes that failed.</summary>
    private static async Task<int> SyncUntilQuietAsync(DualWriteRuntime runtime, RequestLog? log = null)
    {
        var failed = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            SyncResult result;
            using (log?.Begin("pass"))
            {
                result = await runtime.SyncOnceAsync();
            }

            failed += result.Failed;
            if (result.Read == 0)
            {
                return failed;
            }
        }

        throw new InvalidOperationException($"The runtime still read changes after {MaxPasses} passes.");
    }
}
