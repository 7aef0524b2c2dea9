using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Payloads;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// One poll of an entity set's feed, read from the service before the journal is touched and filed afterwards in one
/// journal transaction (<see cref="ChangeJournal.FileAsync"/>), so that no database lock is held over HTTP. Filing decides
/// what is a change against what the journal knows then: a row whose version (ETag) or values it already knows is the
/// connector's own write coming back (from any host), a row sent again by an overlapping poll, or a write that changed
/// nothing; so is a row the connector created without reading it back, when it holds what the create wrote at every
/// column the maps read (<see cref="OwnCreates"/>); a row it does not know is an insert. A long read files its rows as it
/// reads them, a few thousand at a time and without moving the feed, so that linking a large table or polling a long
/// backlog holds a filing's rows, not all of them.
/// </summary>
internal sealed class FeedRead
{
    // A read files its rows this many at a time, so that it holds a filing's rows, not the table (a link's baseline) or
    // the backlog (a delta). The feed moves only at the read's end, so a crash in between reads them again, which is
    // harmless: a baseline row is only remembered, and a changed row filed before is known by its version or values,
    // so it is not a second change.
    internal const int RowsPerFiling = 2_000;

    private readonly ODataEnvironment _environment;

    // What to file, in the order read: a step per row, not a delegate and its closure per row (a poll files every row it
    // reads, the rows read again by its overlap too).
    private readonly List<Step> _steps = [];

    // The rows whose steps ask what the journal knows of them, read in a few queries before the steps run: of a changed
    // row its version and fingerprint, of a deleted one its image too.
    private readonly List<string> _checked = [];
    private readonly List<string> _deleted = [];
    private string? _to;

    public FeedRead(ODataEnvironment environment, TableSchema table, string? from)
    {
        _environment = environment;
        Table = table;
        From = from;
    }

    public TableSchema Table { get; }

    /// <summary>The position the read started from; null for the feed's first read.</summary>
    public string? From { get; }

    /// <summary>The changes the read has filed so far, over all its filings.</summary>
    public int Filed { get; private set; }

    /// <summary>A row of the state the link starts from (the first read): remembered, not a change.</summary>
    public ValueTask BaselineAsync(ODataRow row, CancellationToken cancellationToken)
    {
        _steps.Add(new Step(StepKind.Baseline, row, _environment.RowKeyOf(Table, row.Properties), default));
        return FileIfFullAsync(cancellationToken);
    }

    /// <summary>
    /// A row the feed reports inserted or changed. A row the journal knows at this version and fingerprint (read again by
    /// an overlapping poll, or a write of the connector whose answer gave both) is neither a change nor news: it is not
    /// remembered again, and its image is not written.
    /// </summary>
    public ValueTask RowAsync(ODataRow row, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var key = _environment.RowKeyOf(Table, row.Properties);
        _checked.Add(key);
        _steps.Add(new Step(StepKind.Row, row, key, changedAt));
        return FileIfFullAsync(cancellationToken);
    }

    /// <summary>A row the feed reports deleted; filed with its last known image (which carries its key), else <paramref name="unknownImage"/>.</summary>
    public ValueTask DeletedAsync(string key, string unknownImage, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        _deleted.Add(key);
        _steps.Add(new Step(StepKind.Deleted, unknownImage, key, changedAt));
        return FileIfFullAsync(cancellationToken);
    }

    /// <summary>Every row the journal believes exists but <paramref name="present"/> lacks is deleted.</summary>
    public void DeleteMissing(IReadOnlySet<string> present) => _steps.Add(new Step(StepKind.DeleteMissing, present, Key: null, default));

    /// <summary>Where the next read starts (a delta link or a watermark).</summary>
    public void MoveTo(string position) => _to = position;

    /// <summary>Files the read so far into <paramref name="batch"/> and, at its end, moves the feed; returns the changes filed.</summary>
    /// <exception cref="InvalidOperationException">The read never said where the next one starts.</exception>
    internal async Task<int> FileAsync(JournalBatch batch, bool moveFeed, CancellationToken cancellationToken)
    {
        var to = !moveFeed ? null : _to ?? throw new InvalidOperationException($"The read of {Table.Name}'s feed ended without a position for the next one.");
        await batch.LoadKnownAsync(Table.Name, _checked, withImages: false, cancellationToken).ConfigureAwait(false);
        await batch.LoadKnownAsync(Table.Name, _deleted, withImages: true, cancellationToken).ConfigureAwait(false);
        var filed = 0;
        foreach (var step in _steps)
        {
            filed += step.Kind switch
            {
                StepKind.Baseline => await RememberBaselineAsync(batch, (ODataRow)step.Payload, step.Key!, cancellationToken).ConfigureAwait(false),
                StepKind.Row => await FileRowAsync(batch, (ODataRow)step.Payload, step.Key!, step.ChangedAt, cancellationToken).ConfigureAwait(false),
                StepKind.Deleted => await DeleteAsync(batch, step.Key!, (string)step.Payload, step.ChangedAt, cancellationToken).ConfigureAwait(false),
                _ => await DeleteMissingAsync(batch, (IReadOnlySet<string>)step.Payload, cancellationToken).ConfigureAwait(false),
            };
        }

        if (to is not null)
        {
            await batch.SetFeedPositionAsync(Table.Name, to, cancellationToken).ConfigureAwait(false);
        }

        Filed += filed;
        return filed;
    }

    // Every RowsPerFiling rows, files the rows so far without moving the feed (nothing, when another host moved it since
    // the read began: its read covered these rows).
    private async ValueTask FileIfFullAsync(CancellationToken cancellationToken)
    {
        if (_steps.Count < RowsPerFiling)
        {
            return;
        }

        await _environment.Journal.FileAsync(this, moveFeed: false, cancellationToken).ConfigureAwait(false);
        _steps.Clear();
        _checked.Clear();
        _deleted.Clear();
    }

    private async Task<int> RememberBaselineAsync(JournalBatch batch, ODataRow row, string key, CancellationToken cancellationToken)
    {
        var fingerprint = _environment.Fingerprint(Table, row.Properties);
        await batch.RememberAsync(Table.Name, key, row.ETag, fingerprint, RowImage.Write(row.Properties), deleted: false, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private async Task<int> FileRowAsync(JournalBatch batch, ODataRow row, string key, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var known = await batch.KnownAsync(Table.Name, key, withImage: false, cancellationToken).ConfigureAwait(false);
        var fingerprint = _environment.Fingerprint(Table, row.Properties);
        var sameVersion = known is { Deleted: false } && row.ETag is not null && string.Equals(row.ETag, known.Version, StringComparison.Ordinal);
        var sameValues = known is { Deleted: false } && string.Equals(fingerprint, known.Fingerprint, StringComparison.Ordinal);
        if (sameVersion && sameValues)
        {
            return 0;
        }

        var unchanged = sameVersion || sameValues || (known is { Deleted: false } && OwnCreates.CameBack(known.Fingerprint, _environment.ReadColumns(Table), row.Properties));
        var image = RowImage.Write(row.Properties);
        await batch.RememberAsync(Table.Name, key, row.ETag, fingerprint, image, deleted: false, cancellationToken).ConfigureAwait(false);
        if (unchanged)
        {
            return 0;
        }

        await batch.AppendAsync(Table.Name, known is null || known.Deleted ? ChangeOperation.Insert : ChangeOperation.Update, key, image, origin: null, changedAt, cancellationToken).ConfigureAwait(false);
        return 1;
    }

    private async Task<int> DeleteMissingAsync(JournalBatch batch, IReadOnlySet<string> present, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var key in await batch.LiveRowKeysAsync(Table.Name, cancellationToken).ConfigureAwait(false))
        {
            if (!present.Contains(key))
            {
                deleted += await DeleteAsync(batch, key, "{}", DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    private async Task<int> DeleteAsync(JournalBatch batch, string key, string unknownImage, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var known = await batch.KnownAsync(Table.Name, key, withImage: true, cancellationToken).ConfigureAwait(false);
        if (known is { Deleted: true })
        {
            return 0;
        }

        var image = known?.Image ?? unknownImage;
        await batch.RememberAsync(Table.Name, key, known?.Version, known?.Fingerprint, image, deleted: true, cancellationToken).ConfigureAwait(false);
        await batch.AppendAsync(Table.Name, ChangeOperation.Delete, key, image, origin: null, changedAt, cancellationToken).ConfigureAwait(false);
        return 1;
    }

    private enum StepKind
    {
        Baseline,
        Row,
        Deleted,
        DeleteMissing,
    }

    /// <summary>One thing to file: a baseline or changed row (its <see cref="ODataRow"/>), a deleted key (the image to file when the journal has none), or the keys present after a full read.</summary>
    private readonly record struct Step(StepKind Kind, object Payload, string? Key, DateTimeOffset ChangedAt);
}
