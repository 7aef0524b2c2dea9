using System;
using System.Collections.Concurrent;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Writes the service refused once they were isolated from a commit's other writes, when the commit was asked to keep all
/// or fail (<see cref="IEnvironmentTransaction.CommitAsync"/>; a pass asks for each record's result instead and parks the
/// refused records at once). The commit fails (the engine keeps its cursors); when the pass is run again and queues the same write, carrying the same change, the refusal is answered
/// there, so the engine parks that one record in the error list and the pass goes on. A refusal is answered once: a
/// retry from the error list sends the write again.
/// </summary>
internal sealed class RefusedWrites
{
    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);

    // Whether any refusal was ever remembered: every queued write is checked, and a dictionary's removal takes a lock
    // (and the write's identity a new string) even when there is nothing to remove.
    private volatile bool _anyRemembered;

    /// <summary>Remembers the refusal of a write that carries one change (a pass tags its writes <c>map#sequence</c>); a coupled save's writes are not tagged so and fail with their save.</summary>
    public void Remember(WriteOperation operation)
    {
        if (operation.Refusal is { } reason && CarriesOneChange(operation))
        {
            _refusals[operation.Identity] = reason;
            _anyRemembered = true;
        }
    }

    /// <summary>Whether the write carries one change of a pass (tagged <c>map#sequence</c>), which can be parked on its own.</summary>
    public static bool CarriesOneChange(WriteOperation operation) =>
        operation.Origin is { } origin && origin.Contains('#', StringComparison.Ordinal);

    /// <exception cref="EnvironmentWriteException">The same write was refused when last sent.</exception>
    public void ThrowIfRefused(WriteOperation operation)
    {
        if (_anyRemembered && _refusals.TryRemove(operation.Identity, out var reason))
        {
            throw new EnvironmentWriteException($"The service refused this write when it was last sent: {reason}");
        }
    }
}
