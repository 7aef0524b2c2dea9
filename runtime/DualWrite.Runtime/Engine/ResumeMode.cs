namespace DualWrite.Runtime.Engine;

/// <summary>What resuming a paused or stopped map does with the changes it gathered meanwhile (dual-write's resume options).</summary>
public enum ResumeMode
{
    /// <summary>Replays them in order, then runs live (dual-write's "catch up").</summary>
    CatchUp,

    /// <summary>Runs live at once and moves them to the error list, one entry per record, to retry or discard later ("skip, keep for retry").</summary>
    SkipKeepForRetry,

    /// <summary>Runs live at once and drops them: they never reach the other side ("skip, discard").</summary>
    SkipDiscard,
}
