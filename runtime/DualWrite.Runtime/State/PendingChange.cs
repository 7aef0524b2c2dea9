using System;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.State;

/// <summary>
/// A change parked in a record's queue: the head of the queue carries the reason it failed; the changes behind it
/// wait, so a record's changes are applied in order or not at all.
/// </summary>
/// <param name="Id">The queue entry's identity (increasing in queue order).</param>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key (<see cref="IntegrationKey.ToString"/>, upper case).</param>
/// <param name="Change">The change, with its row image as payload.</param>
/// <param name="Reason">Why the change failed, for the head of the queue; null for a change waiting behind it.</param>
/// <param name="FailedAt">When it failed, for the head.</param>
public sealed record PendingChange(long Id, string Map, string RecordKey, ChangeRecord Change, string? Reason, DateTimeOffset? FailedAt);
