using System;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// Turns rows read from a service's feed into journal changes. A row whose version (ETag) or values the journal
/// already knows is not a change: it is the connector's own write coming back (no echo), a row sent again by an
/// overlapping poll, or a write that changed nothing. A row the journal does not know is an insert.
/// </summary>
internal static class FeedIngest
{
    /// <summary>Files a row read from the feed; 1 when it was a change.</summary>
    public static int Row(ODataEnvironment environment, JournalBatch batch, TableSchema table, ODataRow row, DateTimeOffset changedAt)
    {
        var key = environment.RowKeyOf(table, row.Properties);
        var known = batch.Known(table.Name, key);
        var fingerprint = environment.Fingerprint(table, row.Properties);
        var image = RowImage.Write(row.Properties);
        var unchanged = known is { Deleted: false }
            && ((row.ETag is not null && string.Equals(row.ETag, known.Version, StringComparison.Ordinal)) || string.Equals(fingerprint, known.Fingerprint, StringComparison.Ordinal));
        batch.Remember(table.Name, key, row.ETag, fingerprint, image, deleted: false);
        if (unchanged)
        {
            return 0;
        }

        batch.Append(table.Name, known is null || known.Deleted ? ChangeOperation.Insert : ChangeOperation.Update, key, image, origin: null, changedAt);
        return 1;
    }

    /// <summary>Files a row the feed reports deleted, with its last known image (which carries its key); 1 when it was a change.</summary>
    public static int Deleted(JournalBatch batch, TableSchema table, string key, string unknownImage, DateTimeOffset changedAt)
    {
        var known = batch.Known(table.Name, key);
        if (known is { Deleted: true })
        {
            return 0;
        }

        var image = known?.Image ?? unknownImage;
        batch.Remember(table.Name, key, known?.Version, known?.Fingerprint, image, deleted: true);
        batch.Append(table.Name, ChangeOperation.Delete, key, image, origin: null, changedAt);
        return 1;
    }
}
