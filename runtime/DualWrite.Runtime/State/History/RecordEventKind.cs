namespace DualWrite.Runtime.State.History;

/// <summary>What happened to one change of a record, as its history shows it.</summary>
public enum RecordEventKind
{
    /// <summary>A paused map put the change in its staging queue.</summary>
    Staged,

    /// <summary>The change was written to the other side.</summary>
    Applied,

    /// <summary>The other side already held the change's values; nothing was written.</summary>
    Unchanged,

    /// <summary>The change does not flow (the source filter, or a delete the map does not sync).</summary>
    Skipped,

    /// <summary>The change lost a conflict to the other side's changes of the record and was dropped.</summary>
    Superseded,

    /// <summary>The change failed and went to the error list (or failed again when retried from it).</summary>
    Refused,

    /// <summary>The change was written to the other side when its error-list entry was retried.</summary>
    Retried,

    /// <summary>The record's current state on the change's side was written to the other side when its error-list entry was retried from the source.</summary>
    RetriedFromSource,

    /// <summary>The change's error-list entry was discarded: it never reaches the other side.</summary>
    Discarded,
}
