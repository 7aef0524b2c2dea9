using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>The live loop: sync passes until cancelled, waiting the poll interval after a pass that found nothing.</summary>
internal sealed class PassLoop
{
    private readonly IStateStore _state;
    private readonly ILogger _logger;
    private readonly WorkSharingOptions? _workSharing;

    public PassLoop(IStateStore state, ILogger logger, WorkSharingOptions? workSharing)
    {
        _state = state;
        _logger = logger;
        _workSharing = workSharing;
    }

    /// <summary>Runs <paramref name="pass"/> (one gated pass of the runtime) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan pollInterval, Func<CancellationToken, Task<SyncResult>> pass, CancellationToken cancellationToken)
    {
        if (_workSharing is null)
        {
            await RunPassesAsync(pollInterval, pass, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Leases are renewed beside the passes, so a long pass does not lose them; they are given back on a clean stop so
        // the other hosts need not wait for them to expire.
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewPartitionsAsync(stopRenewing.Token);
        try
        {
            await RunPassesAsync(pollInterval, pass, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            ((IPartitionedStateStore)_state).ReleasePartitions(_workSharing.HostId);
        }
    }

    private async Task RunPassesAsync(TimeSpan pollInterval, Func<CancellationToken, Task<SyncResult>> pass, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var idle = true;
            try
            {
                var result = await pass(cancellationToken).ConfigureAwait(false);
                idle = result.Read == 0 && result.Replayed == 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping cancels the pass in flight; its transactions roll back and its cursors stay, so nothing is lost.
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not InvalidOperationException)
            {
                // The environments or the state store failed (a lock, a disk); the cursors did not move, so the pass is retried.
                Log.PassFailed(_logger, exception);
            }

            if (idle)
            {
                try
                {
                    await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RenewPartitionsAsync(CancellationToken cancellationToken)
    {
        var store = (IPartitionedStateStore)_state;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_workSharing!.LeaseDuration / 3, cancellationToken).ConfigureAwait(false);
                store.RenewPartitions(_workSharing.HostId, _workSharing.LeaseDuration);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is unreachable for now; the leases may expire, and the fence keeps the passes safe meanwhile.
                Log.PassFailed(_logger, exception);
            }
        }
    }
}
