using System;

namespace DualWrite.Runtime.Environments;

/// <summary>An environment refused a write: a value too long for its column, a missing lookup target, a key already taken.</summary>
public sealed class EnvironmentWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvironmentWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public EnvironmentWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
