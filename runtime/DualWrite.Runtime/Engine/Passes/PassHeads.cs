using System;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine.Passes;

/// <summary>
/// How far the maps of one live pass sync. A map that stopped at its cap (<see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/>)
/// lowers the head of its source side for the maps after it: they run in dependency order, so a record's lookup target
/// (a customer group) is synced before the record (its customer) only if no later map goes further than an earlier one.
/// </summary>
internal sealed class PassHeads
{
    private long _fo = long.MaxValue;
    private long _dataverse = long.MaxValue;

    /// <summary>The heads a map syncs up to: the ones read, lowered to where an earlier map of the pass stopped.</summary>
    public (long Fo, long Dataverse) Limit((long Fo, long Dataverse) heads) => (Math.Min(heads.Fo, _fo), Math.Min(heads.Dataverse, _dataverse));

    /// <summary>A map stopped after <paramref name="sequence"/> on <paramref name="side"/>; the maps after it go no further there.</summary>
    public void StoppedAt(Side side, long sequence)
    {
        if (side == Side.Fo)
        {
            _fo = Math.Min(_fo, sequence);
        }
        else
        {
            _dataverse = Math.Min(_dataverse, sequence);
        }
    }
}
