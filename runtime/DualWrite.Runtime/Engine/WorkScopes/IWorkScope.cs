using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>
/// The share of the work that falls to this host: all of it (<see cref="SingleHostScope"/>), or the records of the
/// partitions it leases among hosts sharing one state store (<see cref="PartitionedHostsScope"/>).
/// </summary>
internal interface IWorkScope
{
    /// <summary>Takes this host's share for one pass (with several hosts: renews and rebalances its leases).</summary>
    IPassScope BeginPass();

    /// <summary>Runs the live loop <paramref name="loop"/> while holding the share (leases renewed beside it, given back after).</summary>
    Task HoldAsync(Func<Task> loop, CancellationToken cancellationToken);

    /// <summary>Fences an error-list update of a record with the lease its partition needs this host to hold.</summary>
    /// <exception cref="InvalidOperationException">Another host holds the record's partition.</exception>
    void FenceRecord(string map, string recordKey, StateUpdate update);

    /// <summary>Refuses an operation that moves a map's cursors when the hosts' partition cursors would stay behind; <paramref name="instead"/> says what to do.</summary>
    /// <exception cref="NotSupportedException">Several hosts share the work.</exception>
    void EnsureOneHost(string operation, string instead);
}
