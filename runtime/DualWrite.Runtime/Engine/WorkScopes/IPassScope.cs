using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>This host's share of one sync pass: which changes it reads, up to which heads, and how its state-store commits are fenced.</summary>
internal interface IPassScope
{
    /// <summary>Whether the host has anything to do in this pass.</summary>
    bool HasWork { get; }

    /// <summary>
    /// Whether the host stages and replays the maps' staging queues, which are one per map, in order: with several
    /// hosts, the holder of partition 0 does it for every partition.
    /// </summary>
    bool RunsStaging { get; }

    /// <summary>Where staging and replay commit; only when <see cref="RunsStaging"/>.</summary>
    IStagingScope Staging { get; }

    /// <summary>The change-log heads a map's live step syncs up to, read under its transactions.</summary>
    ValueTask<(long Fo, long Dataverse)> HeadsAsync(CancellationToken cancellationToken);

    /// <summary>Where a map's side stands for this host, syncing up to <paramref name="head"/>.</summary>
    ISideCursors CursorsOf(string map, Side side, long head);

    /// <summary>Fences a live step's state update, so a host whose leases ran out meanwhile stores nothing.</summary>
    void Fence(StateUpdate update);
}
