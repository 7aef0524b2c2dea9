using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Errors;

/// <summary>Which entries of a record's queue the source's current state replaces.</summary>
internal static class FromSource
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
