using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.State;

/// <summary>A change of a paused or replaying map, waiting in the staging queue.</summary>
/// <param name="Id">The position in the staging queue (increasing in staging order).</param>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key (upper case), as the record queues use it.</param>
/// <param name="Change">The change as the source change log recorded it.</param>
/// <param name="OtherSideStaged">Whether the queue also holds a change of the same record made on the other side: a conflict to settle.</param>
public sealed record StagedChange(long Id, string Map, string RecordKey, ChangeRecord Change, bool OtherSideStaged);
