using System;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>Chooses the runtime's work scope from its options, once, at construction.</summary>
internal static class WorkScope
{
    /// <exception cref="ArgumentException"><paramref name="workSharing"/> is set and the state store cannot be shared.</exception>
    public static IWorkScope Of(RuntimeContext context, WorkSharingOptions? workSharing) => workSharing switch
    {
        null => new SingleHostScope(context),
        _ when context.State is IPartitionedStateStore store => new PartitionedHostsScope(context, store, workSharing),
        _ => throw new ArgumentException("Sharing the work between hosts needs a state store they share (PostgreSQL: --state postgres://...); this one serves one host.", nameof(workSharing)),
    };
}
