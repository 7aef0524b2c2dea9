using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Engine.Retries;

/// <summary>
/// Runs a step again after a transient failure, waiting longer each time. A step either commits everything or
/// nothing (its environment transactions roll back, the state store is written last), so running it again is safe.
/// </summary>
internal sealed class TransientRetry
{
    private readonly RetryPolicy _policy;
    private readonly Action<int, TimeSpan, Exception> _onRetry;

    public TransientRetry(RetryPolicy policy, Action<int, TimeSpan, Exception> onRetry)
    {
        _policy = policy;
        _onRetry = onRetry;
    }

    /// <summary>Runs the step; the last transient failure is thrown once every attempt failed.</summary>
    public async ValueTask RunAsync(Func<CancellationToken, ValueTask> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (FailureClassifier.IsTransient(exception) && attempt < _policy.Attempts)
            {
                var delay = _policy.DelayAfter(attempt);
                _onRetry(attempt, delay, exception);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
