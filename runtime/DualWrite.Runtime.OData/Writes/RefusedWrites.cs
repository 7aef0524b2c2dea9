using System;
using System.Collections.Concurrent;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Writes the service refused once they were isolated from a commit's other writes. The commit fails (the engine keeps its
/// cursors); when the pass is run again and queues the same write, carrying the same change, the refusal is answered
/// there, so the engine parks that one record in the error list and the pass goes on. A refusal is answered once: a
/// retry from the error list sends the write again.
/// </summary>
internal sealed class RefusedWrites
{
    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);

    /// <summary>Remembers the refusal of a write that carries one change (a pass tags its writes <c>map#sequence</c>); a coupled save's writes are not tagged so and fail with their save.</summary>
    public void Remember(WriteOperation operation)
    {
        if (operation.Refusal is { } reason && operation.Origin is { } origin && origin.Contains('#', StringComparison.Ordinal))
        {
            _refusals[operation.Identity] = reason;
        }
    }

    /// <exception cref="EnvironmentWriteException">The same write was refused when last sent.</exception>
    public void ThrowIfRefused(WriteOperation operation)
    {
        if (_refusals.TryRemove(operation.Identity, out var reason))
        {
            throw new EnvironmentWriteException($"The service refused this write when it was last sent: {reason}");
        }
    }
}
