using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.WorkScopes;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.Engine.Scheduling;

/// <summary>
/// The live loop: sync passes until cancelled, waiting the poll interval after a pass that found nothing. A pass that read
/// changes is followed at once, so a pass stopped at a map's cap (it read them) goes on without waiting between steps.
/// </summary>
internal sealed class PassLoop
{
    private readonly ILogger _logger;
    private readonly IWorkScope _work;

    public PassLoop(ILogger logger, IWorkScope work)
    {
        _logger = logger;
        _work = work;
    }

    /// <summary>Runs <paramref name="pass"/> (one gated pass of the runtime) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(TimeSpan pollInterval, Func<CancellationToken, Task<SyncResult>> pass, CancellationToken cancellationToken) =>
        _work.HoldAsync(() => RunPassesAsync(pollInterval, pass, cancellationToken), cancellationToken);

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
}
