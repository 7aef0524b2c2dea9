using System;

namespace DualWrite.Runtime.Engine;

/// <summary>A tightly-coupled write failed because its map could not write the record on the other side; neither side changed.</summary>
public sealed class DualWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DualWriteException(string map, string recordKey, string reason, Exception? innerException = null)
        : base($"Map '{map}' could not sync record '{recordKey}': {reason}", innerException)
    {
        Map = map;
        RecordKey = recordKey;
        Reason = reason;
    }

    /// <summary>The map.</summary>
    public string Map { get; }

    /// <summary>The record's integration key.</summary>
    public string RecordKey { get; }

    /// <summary>Why the write failed.</summary>
    public string Reason { get; }
}
