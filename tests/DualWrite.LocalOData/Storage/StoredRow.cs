using System.Collections.Generic;

namespace DualWrite.LocalOData.Storage;

/// <summary>A row as stored: property values in storage form, the row's version (its ETag) and when the service last wrote it.</summary>
/// <param name="Values">Column name to stored value (string, long, double, byte[] or null).</param>
/// <param name="Version">The change sequence of the row's last write; <c>W/"version"</c> is its ETag.</param>
/// <param name="Modified">The UTC time of the row's last write, stamped by the service.</param>
public sealed record StoredRow(IReadOnlyDictionary<string, object?> Values, long Version, string Modified)
{
    /// <summary>The row's ETag as both services write it: a weak tag of the row version.</summary>
    public string ETag => $"W/\"{Version}\"";
}
