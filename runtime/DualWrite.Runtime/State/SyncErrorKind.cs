namespace DualWrite.Runtime.State;

/// <summary>Why a change failed: record failures stay in the error list until retried or discarded; an unavailable environment is retried with backoff.</summary>
public enum SyncErrorKind
{
    /// <summary>A value the target refuses: a failed transform (value-map miss), too long for its column, an incomplete key, an unreadable row.</summary>
    Value,

    /// <summary>A lookup whose target row does not exist.</summary>
    Lookup,

    /// <summary>A new record whose number lies in the other side's range.</summary>
    Number,

    /// <summary>The record changed on both sides and the map's conflict policy is <c>fail</c>.</summary>
    Conflict,

    /// <summary>An environment could not be reached, was locked or timed out, after every retry.</summary>
    Unavailable,

    /// <summary>The change was set aside when its map resumed without catch-up (<see cref="Engine.ResumeMode.SkipKeepForRetry"/>): retry or discard it.</summary>
    Skipped,
}
