using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.Engine;

/// <summary>What applying one change to the other side did.</summary>
internal enum ApplyOutcome
{
    /// <summary>The target was created, updated or deleted.</summary>
    Written,

    /// <summary>The target already held the values; nothing was written.</summary>
    Unchanged,

    /// <summary>The change does not flow (source filter, deletes ignored).</summary>
    Skipped,
}

/// <summary>How an outcome shows in a record's history.</summary>
internal static class ApplyOutcomeHistory
{
    public static RecordEventKind AsHistory(this ApplyOutcome outcome) => outcome switch
    {
        ApplyOutcome.Written => RecordEventKind.Applied,
        ApplyOutcome.Unchanged => RecordEventKind.Unchanged,
        _ => RecordEventKind.Skipped,
    };
}
