using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.InitialSync;

namespace DualWrite.Runtime.Web.Actions;

/// <summary>
/// Initial syncs started from the page, one at a time. A map runs its initial sync while it is stopped, so the live loop
/// leaves it alone; the map is resumed when the run completes, and catches up from where it was stopped.
/// </summary>
internal sealed class InitialSyncJobs
{
    private readonly DualWriteRuntime _runtime;
    private readonly InitialSyncRunner _runner;
    private readonly SemaphoreSlim _one = new(1, 1);

    public InitialSyncJobs(DualWriteRuntime runtime, DualWriteEnvironments environments)
    {
        _runtime = runtime;
        Store = environments.State as IInitialSyncStore ?? throw new NotSupportedException("The state store keeps no initial-sync runs.");
        _runner = new InitialSyncRunner(environments.FoEnvironment, environments.DataverseEnvironment, environments.State, runtime.Maps);
    }

    public InitialSyncRunner Runner => _runner;

    /// <summary>Where the runs are kept: the host's state store.</summary>
    public IInitialSyncStore Store { get; }

    public Task<InitialSyncResult> RunAsync(string map, Side master, CancellationToken cancellationToken) =>
        OneAtATimeAsync(
            async () =>
            {
                if (_runtime.GetMapState(map) != State.MapState.Stopped)
                {
                    throw new InvalidOperationException($"Stop map '{map}' before its initial sync: the live loop must leave it alone meanwhile.");
                }

                var plan = _runner.Plan(skip: _runtime.Maps.Select(m => m.Name).Where(name => name != map));
                var result = await _runner.RunAsync(plan, new InitialSyncOptions { Master = master }, cancellationToken).ConfigureAwait(false);
                if (result.Status is InitialSyncRunStatus.Completed or InitialSyncRunStatus.CompletedWithErrors)
                {
                    await _runtime.ResumeAsync(map, cancellationToken).ConfigureAwait(false);
                }

                return result;
            },
            cancellationToken);

    public Task<InitialSyncResult> RerunAsync(string runId, bool skipErrors, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => _runner.RerunAsync(runId, skipErrors, cancellationToken: cancellationToken), cancellationToken);

    private async Task<InitialSyncResult> OneAtATimeAsync(Func<Task<InitialSyncResult>> run, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }
}
