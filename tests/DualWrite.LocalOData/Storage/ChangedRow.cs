using System.Collections.Generic;

namespace DualWrite.LocalOData.Storage;

/// <summary>A row's last change after a delta token: its primary key, whether that change deleted it, and its sequence.</summary>
/// <param name="Key">The row's primary key, in storage form.</param>
/// <param name="Deleted">Whether the row's last change deleted it.</param>
/// <param name="Sequence">The change's sequence.</param>
public sealed record ChangedRow(IReadOnlyDictionary<string, object?> Key, bool Deleted, long Sequence);
