using System.Collections.Generic;

namespace DualWrite.Runtime.State.Activity;

/// <summary>
/// Each map's activity log in the state store: state changes with who made them and why, alerts, initial-sync runs,
/// failed passes and error-list actions. Kept until the state store is dropped (a reset or relink keeps it: they are
/// entries of it). <see cref="DbStateStore"/> implements it.
/// </summary>
public interface IActivityLog
{
    /// <summary>Appends an entry to the map's log, stamped with the current time.</summary>
    void AddActivity(string map, ActivityKind kind, string? actor, string text);

    /// <summary>
    /// At most <paramref name="limit"/> entries of the map's log whose id is below <paramref name="beforeId"/> (0: from
    /// the newest), newest first: one keyset query over an index, so an old page costs what the first does.
    /// </summary>
    IReadOnlyList<ActivityEntry> GetActivityPage(string map, long beforeId, int limit);
}
