using System;

namespace DualWrite.Runtime.Environments;

/// <summary>What a change did to its row.</summary>
public enum ChangeOperation
{
    /// <summary>The row was created.</summary>
    Insert,

    /// <summary>The row was updated.</summary>
    Update,

    /// <summary>The row was deleted.</summary>
    Delete,
}

/// <summary>One entry of an environment's change log, in commit order.</summary>
/// <param name="Sequence">The monotonic position in the environment's change log.</param>
/// <param name="Side">The environment's side.</param>
/// <param name="EntitySet">The changed table.</param>
/// <param name="Operation">Insert, update or delete.</param>
/// <param name="RowKey">The row's primary key as JSON (an array of the key values).</param>
/// <param name="Image">The row's columns after the change (before it, for a delete) as a JSON object.</param>
/// <param name="Origin">Who wrote the change when the runtime did (<c>dualwrite:&lt;map&gt;#&lt;source sequence&gt;</c> for a pass's write, <c>dualwrite:live</c>); null for anyone else.</param>
/// <param name="ChangedAt">When the change was committed, by the environment's clock.</param>
public sealed record ChangeRecord(long Sequence, Side Side, string EntitySet, ChangeOperation Operation, string RowKey, string Image, string? Origin, DateTimeOffset ChangedAt)
{
    /// <summary>Whether the runtime wrote the change: such changes are never synced again (no echo).</summary>
    public bool IsFromRuntime => Origin is not null;
}
