using System;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Retries;

/// <summary>Sorts failures into record failures (the error list) and transient ones (retried with backoff).</summary>
internal static class FailureClassifier
{
    /// <summary>Whether the failure is about an environment that may come back: unreachable, locked, timed out.</summary>
    public static bool IsTransient(Exception exception) => exception is EnvironmentUnavailableException or TimeoutException;

    /// <summary>The kind of a record failure, for the error list and the alert rules.</summary>
    public static SyncErrorKind KindOf(Exception exception) => exception switch
    {
        RecordRefusedException refused => refused.Kind,
        EnvironmentWriteException { Refusal: WriteRefusal.MissingLookup } => SyncErrorKind.Lookup,
        _ when IsTransient(exception) => SyncErrorKind.Unavailable,
        _ => SyncErrorKind.Value,
    };
}
