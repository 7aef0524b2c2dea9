using System;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.State.History;

/// <summary>One entry of a record's history: a change of the record and what the runtime did with it.</summary>
/// <param name="Id">The entry's position in the history (increasing in the order things happened).</param>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key, upper case as the record queues use it.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Side">The side the change was made on.</param>
/// <param name="Operation">Insert, update or delete.</param>
/// <param name="Sequence">The change's position in its side's change log.</param>
/// <param name="ChangedAt">When the change was committed on its side.</param>
/// <param name="RecordedAt">When the runtime dealt with it.</param>
/// <param name="Detail">The reason of a refusal; null otherwise.</param>
public sealed record RecordEvent(
    long Id,
    string Map,
    string RecordKey,
    RecordEventKind Kind,
    Side Side,
    ChangeOperation Operation,
    long Sequence,
    DateTimeOffset ChangedAt,
    DateTimeOffset RecordedAt,
    string? Detail);
