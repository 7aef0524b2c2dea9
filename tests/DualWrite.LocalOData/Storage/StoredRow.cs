using System.Collections.Generic;

namespace DualWrite.LocalOData.Storage;

/// <summary>A row as stored: property values in storage form, its rowid, the row's version (its ETag) and when it was last written.</summary>
/// <param name="Values">Column name to stored value (string, long, double, byte[] or null).</param>
/// <param name="RowId">The SQLite rowid, which the write transaction addresses the row by.</param>
/// <param name="Version">The change-log sequence of the row's last write; <c>W/"version"</c> is its ETag.</param>
/// <param name="Modified">The UTC time of the row's last write, from the change log (stamped with the service's clock).</param>
public sealed record StoredRow(IReadOnlyDictionary<string, object?> Values, long RowId, long Version, string Modified)
{
    /// <summary>The row's ETag as both services write it: a weak tag of the row version.</summary>
    public string ETag => $"W/\"{Version}\"";
}
