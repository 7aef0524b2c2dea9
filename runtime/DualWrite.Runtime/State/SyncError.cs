using System;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.State;

/// <summary>An entry of the error list: a change that failed and blocks the later changes of its record.</summary>
/// <param name="Id">The entry's identity, for retry and discard.</param>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key, upper case as stored (<see cref="RecordKeyAsWritten"/> spells it as the source did).</param>
/// <param name="Side">The side the change was made on.</param>
/// <param name="Operation">Insert, update or delete.</param>
/// <param name="Payload">The row image of the change (JSON).</param>
/// <param name="Reason">Why it failed (the last attempt).</param>
/// <param name="FailedAt">When it last failed.</param>
/// <param name="WaitingChanges">How many later changes of the record wait behind it.</param>
/// <param name="Kind">What kind of failure it is.</param>
/// <param name="Attempts">How many times it was tried and failed.</param>
/// <param name="FirstFailedAt">When it first failed.</param>
public sealed record SyncError(
    long Id,
    string Map,
    string RecordKey,
    Side Side,
    ChangeOperation Operation,
    string Payload,
    string Reason,
    DateTimeOffset FailedAt,
    int WaitingChanges,
    SyncErrorKind Kind,
    int Attempts,
    DateTimeOffset FirstFailedAt)
{
    /// <summary>The record's key as the source wrote it, for showing: recovered from <see cref="Payload"/>.</summary>
    public string RecordKeyAsWritten => RecordKeySpelling.Recover(RecordKey, Payload);
}
