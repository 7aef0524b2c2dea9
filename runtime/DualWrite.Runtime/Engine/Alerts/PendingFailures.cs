using System.Collections.Generic;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Alerts;

/// <summary>
/// The record failures of the step under way, counted against the alert rules only once the step has committed: a step
/// retried after a transient failure starts again from none.
/// </summary>
internal sealed class PendingFailures
{
    private readonly List<(string Map, SyncErrorKind Kind)> _failures = new();

    public void Record(string map, SyncErrorKind kind) => _failures.Add((map, kind));

    /// <summary>Forgets the failures of a step that did not commit.</summary>
    public void Clear() => _failures.Clear();

    /// <summary>The failures recorded so far, which are then forgotten.</summary>
    public IReadOnlyList<(string Map, SyncErrorKind Kind)> Take()
    {
        var taken = _failures.ToArray();
        _failures.Clear();
        return taken;
    }
}
