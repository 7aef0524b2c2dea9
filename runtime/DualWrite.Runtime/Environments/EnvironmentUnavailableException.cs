using System;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// An environment could not be reached, was locked by another writer, or timed out: a transient failure about the
/// environment, not about a record. The runtime retries it with backoff; nothing was written.
/// </summary>
public sealed class EnvironmentUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvironmentUnavailableException(Side side, string message, Exception? innerException = null)
        : base(message, innerException) => Side = side;

    /// <summary>The side that could not be reached.</summary>
    public Side Side { get; }
}
