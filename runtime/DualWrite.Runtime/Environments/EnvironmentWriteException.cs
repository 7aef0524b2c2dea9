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

    /// <summary>Creates the exception for a refusal of a known kind.</summary>
    public EnvironmentWriteException(string message, WriteRefusal refusal)
        : base(message) => Refusal = refusal;

    /// <summary>What was refused.</summary>
    public WriteRefusal Refusal { get; } = WriteRefusal.Value;
}

/// <summary>What an environment refused in a write.</summary>
public enum WriteRefusal
{
    /// <summary>A value: too long, not a member of its enum, a key already taken.</summary>
    Value,

    /// <summary>A lookup whose target row does not exist.</summary>
    MissingLookup,
}
