using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State.Activity;
using DualWrite.Runtime.Web.Activity;
using Microsoft.Extensions.Hosting;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>
/// Initial syncs started from the page, in the background and one at a time: the request that starts one returns at
/// once and the run's page shows its progress. A map runs its initial sync while it is stopped, so the live loop leaves
/// it alone; the map is resumed when the run completes, and catches up from where it was stopped. When the host stops,
/// the run is cancelled and awaited: its last checkpoint stands and the run stays resumable.
/// </summary>
internal sealed class InitialSyncJobs : IHostedService
{
    private readonly DualWriteRuntime _runtime;
    private readonly InitialSyncRunner _runner;
    private readonly ActivityRecorder _activity;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private InitialSyncJob? _last;
    private Task _running = Task.CompletedTask;

    public InitialSyncJobs(DualWriteRuntime runtime, DualWriteEnvironments environments, ActivityRecorder activity)
    {
        _runtime = runtime;
        _activity = activity;
        Store = environments.State as IInitialSyncStore ?? throw new NotSupportedException("The state store keeps no initial-sync runs.");
        _runner = new InitialSyncRunner(environments.FoEnvironment, environments.DataverseEnvironment, environments.State, runtime.Maps);
    }

    public InitialSyncRunner Runner => _runner;

    /// <summary>Where the runs are kept: the host's state store.</summary>
    public IInitialSyncStore Store { get; }

    /// <summary>The job of that id (the last one started), or null.</summary>
    public InitialSyncJob? Find(string jobId) => _last is { } job && job.Id == jobId ? job : null;

    /// <summary>The job running <paramref name="runId"/> now, or null.</summary>
    public InitialSyncJob? Running(string runId) => _last is { Running: true } job && job.RunId == runId ? job : null;

    /// <summary>Starts the initial sync of a stopped map with <paramref name="master"/>; null when a run is under way already.</summary>
    /// <exception cref="InvalidOperationException">The map is not stopped.</exception>
    public InitialSyncJob? Start(string map, Side master, string? user)
    {
        if (_runtime.GetMapState(map) != State.MapState.Stopped)
        {
            throw new InvalidOperationException($"Stop map '{map}' before its initial sync: the live loop must leave it alone meanwhile.");
        }

        return StartJob(
            new InitialSyncJob($"initial sync of {map}, master {master}", runId: null),
            [map],
            user,
            async (options, token) =>
            {
                var plan = _runner.Plan(skip: _runtime.Maps.Select(m => m.Name).Where(name => name != map));
                options.Master = master;
                var result = await _runner.RunAsync(plan, options, token).ConfigureAwait(false);
                if (result.Status is InitialSyncRunStatus.Completed or InitialSyncRunStatus.CompletedWithErrors)
                {
                    using var acting = ActivityRecorder.ActingAs(user);
                    await _runtime.ResumeAsync(map, token).ConfigureAwait(false);
                }

                return result;
            });
    }

    /// <summary>Re-runs a run, with or without its failed rows; null when a run is under way already.</summary>
    public InitialSyncJob? Rerun(InitialSyncRun run, bool skipErrors, string? user) =>
        StartJob(
            new InitialSyncJob((skipErrors ? "re-run without errors of " : "re-run of ") + run.Id, run.Id),
            run.Steps.Where(s => !s.Skipped).Select(s => s.Map).Distinct().ToList(),
            user,
            (options, token) => _runner.RerunAsync(run.Id, skipErrors, options, token));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private InitialSyncJob? StartJob(InitialSyncJob job, System.Collections.Generic.IReadOnlyList<string> maps, string? user, Func<InitialSyncOptions, CancellationToken, Task<InitialSyncResult>> run)
    {
        lock (_lock)
        {
            if (_last is { Running: true })
            {
                return null;
            }

            _last = job;
            var options = new InitialSyncOptions { Progress = new Progress(job) };
            _running = Task.Run(() => RunAsync(job, maps, user, token => run(options, token)));
            return job;
        }
    }

    private async Task RunAsync(InitialSyncJob job, System.Collections.Generic.IReadOnlyList<string> maps, string? user, Func<CancellationToken, Task<InitialSyncResult>> run)
    {
        try
        {
            Record(maps, ActivityKind.InitialSyncStarted, user, job.Description);
            var result = await run(_stopping.Token).ConfigureAwait(false);
            job.End(result.RunId, $"{result.Status}: {result.Total}, {result.Errors:N0} failed rows");
            foreach (var map in maps)
            {
                var counts = new InitialSyncCounts();
                foreach (var step in result.Steps.Where(s => s.Map == map))
                {
                    counts.Add(step.Counts);
                }

                _activity.Record(map, ActivityKind.InitialSyncFinished, user, $"run {result.RunId}: {result.Status}; {counts}");
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            job.End(null, "Stopped with the host; the run resumes from its last checkpoint.");
            Record(maps, ActivityKind.InitialSyncFinished, user, $"run {job.RunId}: stopped with the host, resumable from its last checkpoint");
        }
        catch (Exception exception)
        {
            job.End(null, "Failed: " + _activity.HideSecrets(exception.Message));
            Record(maps, ActivityKind.InitialSyncFinished, user, $"run {job.RunId}: failed: {exception.Message}");
        }
    }

    private void Record(System.Collections.Generic.IReadOnlyList<string> maps, ActivityKind kind, string? user, string text)
    {
        foreach (var map in maps)
        {
            _activity.Record(map, kind, user, text);
        }
    }

    // Reports straight on the run's thread: Progress<T> would post to the thread pool, after the job may have ended.
    private sealed class Progress(InitialSyncJob job) : IProgress<InitialSyncProgress>
    {
        public void Report(InitialSyncProgress value) => job.Report(value);
    }
}
