using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>
/// One of several hosts sharing a <see cref="IPartitionedStateStore"/>: each pass syncs the records of the partitions
/// the host leases, and every state-store commit is fenced with those leases.
/// </summary>
internal sealed class PartitionedHostsScope : IWorkScope
{
    private readonly RuntimeContext _context;
    private readonly IPartitionedStateStore _store;
    private readonly WorkSharingOptions _options;

    public PartitionedHostsScope(RuntimeContext context, IPartitionedStateStore store, WorkSharingOptions options)
    {
        _context = context;
        _store = store;
        _options = options;
    }

    public IPassScope BeginPass() =>
        new PartitionedPass(_context, _store, _options.HostId, _options.PartitionCount, _store.AcquirePartitions(_options.HostId, _options.PartitionCount, _options.LeaseDuration));

    /// <summary>
    /// Leases are renewed beside the passes, so a long pass does not lose them; they are given back on a clean stop so
    /// the other hosts need not wait for them to expire.
    /// </summary>
    public async Task HoldAsync(Func<Task> loop, CancellationToken cancellationToken)
    {
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(stopRenewing.Token);
        try
        {
            await loop().ConfigureAwait(false);
        }
        finally
        {
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            _store.ReleasePartitions(_options.HostId);
        }
    }

    /// <summary>
    /// The record's partition must be this host's: the owner's passes park the record's new changes, so another host
    /// draining its queue at the same time could leave them behind no failed head.
    /// </summary>
    public void FenceRecord(string map, string recordKey, StateUpdate update)
    {
        var partition = Partitions.Of(map, recordKey, _options.PartitionCount);
        var lease = _store.GetLeases().FirstOrDefault(l => l.Partition == partition);
        if (lease?.HostId != _options.HostId)
        {
            throw new InvalidOperationException(
                $"Record {recordKey} of map {map} is in partition {partition}, which host '{lease?.HostId ?? "(none)"}' holds, not this host ('{_options.HostId}'); retry or discard it there.");
        }

        update.FenceWith(_options.HostId, new[] { lease });
    }

    public void EnsureOneHost(string operation, string instead) =>
        throw new NotSupportedException($"{operation} is not supported when several hosts share the work; {instead}.");

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseDuration / 3, cancellationToken).ConfigureAwait(false);
                _store.RenewPartitions(_options.HostId, _options.LeaseDuration);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is unreachable for now; the leases may expire, and the fence keeps the passes safe meanwhile.
                Log.PassFailed(_context.Logger, exception);
            }
        }
    }
}
