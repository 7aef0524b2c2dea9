using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;
using DualWrite.Testing;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// A host's shared store that, on the first update <c>when</c> picks, first runs <c>interrupt</c> (another host taking
/// over while this one sits between computing the update and storing it), then stores the update, counting the ones
/// the fence refuses. Disposing it leaves the inner store open.
/// </summary>
internal sealed class StoreInterruptedOnApply : ForwardingStateStore, IPartitionedStateStore
{
    private readonly IPartitionedStateStore _inner;
    private readonly Func<StateUpdate, bool> _when;
    private readonly Action _interrupt;

    public StoreInterruptedOnApply(IPartitionedStateStore inner, Func<StateUpdate, bool> when, Action interrupt)
        : base(inner) => (_inner, _when, _interrupt) = (inner, when, interrupt);

    /// <summary>Whether the interruption ran.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>How many updates the fence refused.</summary>
    public int Refused { get; private set; }

    public override void Apply(StateUpdate update)
    {
        if (!Interrupted && _when(update))
        {
            Interrupted = true;
            _interrupt();
        }

        try
        {
            base.Apply(update);
        }
        catch (PartitionLeaseLostException)
        {
            Refused++;
            throw;
        }
    }

    // PostgreSQL links in one statement that another host's link cannot interleave with: keep it, not the interface's steps.
    public EnvironmentLink? LinkIfUnlinked(EnvironmentLink link, StateUpdate start) => _inner.LinkIfUnlinked(link, start);

    public IReadOnlyDictionary<int, long> GetPartitionCursors(string map, Side side) => _inner.GetPartitionCursors(map, side);

    public IReadOnlyList<PartitionLease> AcquirePartitions(string hostId, int partitionCount, TimeSpan leaseDuration) => _inner.AcquirePartitions(hostId, partitionCount, leaseDuration);

    public int RenewPartitions(string hostId, TimeSpan leaseDuration) => _inner.RenewPartitions(hostId, leaseDuration);

    public void ReleasePartitions(string hostId) => _inner.ReleasePartitions(hostId);

    public IReadOnlyList<PartitionLease> GetLeases() => _inner.GetLeases();
}
