using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.State.History;

/// <summary>A history entry to store with a <see cref="StateUpdate"/>.</summary>
/// <param name="Map">The map.</param>
/// <param name="RecordKey">The record's integration key.</param>
/// <param name="Kind">What happened to the change.</param>
/// <param name="Change">The change.</param>
/// <param name="Detail">The reason of a refusal; null otherwise.</param>
public sealed record HistoryEntry(string Map, string RecordKey, RecordEventKind Kind, ChangeRecord Change, string? Detail);
