using System;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>The engine refused one record's change (a failed transform, a number in the other side's range, an incomplete key).</summary>
internal sealed class RecordRefusedException : Exception
{
    public RecordRefusedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public RecordRefusedException(SyncErrorKind kind, string message)
        : base(message) => Kind = kind;

    /// <summary>What kind of record failure it is.</summary>
    public SyncErrorKind Kind { get; } = SyncErrorKind.Value;

    /// <summary>
    /// Whether an exception is about the record rather than the infrastructure: such a failure parks the change in
    /// the error list, while any other one (a locked or missing database) stops the pass and leaves the cursors.
    /// </summary>
    public static bool IsRecordFailure(Exception exception) =>
        exception is RecordRefusedException or Environments.EnvironmentWriteException;
}
