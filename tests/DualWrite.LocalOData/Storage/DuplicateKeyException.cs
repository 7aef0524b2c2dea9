using System;

namespace DualWrite.LocalOData.Storage;

/// <summary>A write that would give two rows the same primary or alternate key.</summary>
public sealed class DuplicateKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DuplicateKeyException(string entitySet, Exception inner)
        : base($"A record with matching key values already exists in '{entitySet}'.", inner)
    {
        EntitySet = entitySet;
    }

    /// <summary>The entity set written.</summary>
    public string EntitySet { get; }
}
