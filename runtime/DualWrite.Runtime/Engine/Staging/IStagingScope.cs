using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>
/// Where a staging or replay step runs among the hosts: one host (<see cref="SingleHostStaging"/>), or the holder of
/// partition 0 for every partition (<see cref="PartitionZeroStaging"/>), since a map's staging queue is one ordered queue.
/// </summary>
internal interface IStagingScope
{
    /// <summary>Applies <paramref name="update"/> to the state store, fenced where hosts share it.</summary>
    /// <exception cref="State.WorkSharing.PartitionLeaseLostException">Partition 0 changed hands since this pass leased it; nothing was stored.</exception>
    void Commit(IStateStore state, StateUpdate update);

    /// <summary>What a map's side has dealt with, from its cursor <paramref name="cursor"/> (and, with several hosts, every partition's cursor).</summary>
    DealtWith Cursors(string map, Side side, long cursor);
}
