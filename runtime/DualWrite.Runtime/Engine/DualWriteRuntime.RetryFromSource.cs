using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
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
        GatedAsync(token => DrainAsync(errorId, discardHead: false, fromSource: true, token), cancellationToken);

    /// <summary>Retries every error-list entry <paramref name="filter"/> selects from its source (<see cref="RetryFromSourceAsync(long, CancellationToken)"/>), oldest first.</summary>
    /// <returns>How many records' queues are now empty.</returns>
    public Task<int> RetryFromSourceAsync(ErrorFilter filter, CancellationToken cancellationToken = default) =>
        GatedAsync(token => DrainAllAsync(filter, discardHead: false, fromSource: true, token), cancellationToken);

    /// <summary>Which entries of a record's queue the source's current state replaces.</summary>
    private static class FromSource
    {
        /// <summary>The last change from the failed change's side stands in for the current source state, at its place in the queue.</summary>
        public static bool StandsIn(IReadOnlyList<PendingChange> queue, PendingChange head, int index) =>
            index == LastOfSide(queue, head.Change.Side);

        /// <summary>The earlier changes from that side are versions the current state supersedes.</summary>
        public static bool Supersedes(IReadOnlyList<PendingChange> queue, PendingChange head, int index) =>
            queue[index].Change.Side == head.Change.Side && index < LastOfSide(queue, head.Change.Side);

        /// <summary>Whether the superseded versions created the record, so it is still new on the other side (number sequences apply).</summary>
        public static bool IsNew(IReadOnlyList<PendingChange> queue, PendingChange head) =>
            queue.Any(p => p.Change.Side == head.Change.Side && p.Change.Operation == ChangeOperation.Insert);

        private static int LastOfSide(IReadOnlyList<PendingChange> queue, Side side)
        {
            for (var i = queue.Count - 1; i >= 0; i--)
            {
                if (queue[i].Change.Side == side)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
