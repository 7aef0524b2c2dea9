using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// Retry from source: after a failed record was fixed on its source side, its current source state is applied instead
/// of the parked versions, which it supersedes; the record's changes from the other side keep their places in its queue.
/// </summary>
public sealed partial class DualWriteRuntime
{
    /// <summary>
    /// Applies the failed record as its source holds it now, in place of the failed change and the later changes of the same
    /// side waiting behind it, then the record's other changes in order. Use it after correcting the record at its source;
    /// <see cref="RetryAsync(long, CancellationToken)"/> applies the stored version again.
    /// </summary>
    /// <returns>Whether the record's queue is now empty.</returns>
    public Task<bool> RetryFromSourceAsync(long errorId, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _errors.DrainAsync(errorId, discardHead: false, fromSource: true, token), cancellationToken);

    /// <summary>Retries every error-list entry <paramref name="filter"/> selects from its source (<see cref="RetryFromSourceAsync(long, CancellationToken)"/>), oldest first.</summary>
    /// <returns>How many records' queues are now empty.</returns>
    public Task<int> RetryFromSourceAsync(ErrorFilter filter, CancellationToken cancellationToken = default) =>
        GatedAsync(token => _errors.DrainAllAsync(filter, discardHead: false, fromSource: true, token), cancellationToken);
}
