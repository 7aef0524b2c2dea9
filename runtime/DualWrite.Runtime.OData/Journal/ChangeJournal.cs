using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// The connector's durable journal, kept in the state store's tables (<c>journal_*</c>, one set of rows per side), so that
/// hosts sharing a store share it. The services number no changes the way the engine needs, so the journal does: every
/// change the connector reads or makes gets the side's next sequence. It also keeps, per row, the last image and version
/// (ETag) seen, which tells an update from an insert, gives a deleted row's key (a delta link names only its id), and
/// recognises the connector's own writes when the service reports them back, whichever host made them. Each feed's
/// position (delta link or watermark) is stored in the same transaction as the changes it produced.
/// </summary>
internal sealed class ChangeJournal : IDisposable
{
    private readonly DbDataSource _source;
    private readonly bool _ownsSource;

    private ChangeJournal(SqlDialect dialect, DbDataSource source, bool ownsSource, Side side)
    {
        Dialect = dialect;
        _source = source;
        _ownsSource = ownsSource;
        Side = side;
    }

    internal SqlDialect Dialect { get; }

    internal Side Side { get; }

    /// <summary>The journal the options name: in the state store they give, or in a SQLite file of its own (<see cref="JournalFile"/>).</summary>
    /// <exception cref="NotSupportedException">The store is not one of the runtime's SQL stores, whose tables the journal shares.</exception>
    public static ChangeJournal Open(ODataConnectorOptions options, Side side) => options.JournalStore switch
    {
        DbStateStore store => new ChangeJournal(store.Dialect, store.Source, ownsSource: false, side),
        null => new ChangeJournal(SqliteDialect.Instance, JournalFile.Open(options.JournalPath!, side), ownsSource: true, side),
        var other => throw new NotSupportedException($"The connector's journal lives in a SQLite or PostgreSQL state store; a {other.GetType().Name} cannot keep it. Set JournalPath instead."),
    };

    /// <summary>A row key as the journal files it: the key values as a JSON array.</summary>
    public string RowImageKey(IEnumerable<string> values) => RowImage.Key(values);

    /// <summary>A row's key as the journal files it: its values at <paramref name="columns"/> as a JSON array.</summary>
    public string RowImageKey(IReadOnlyList<string> columns, IReadOnlyDictionary<string, object?> row) => RowImage.Key(columns, row);

    /// <summary>The side's last sequence; every change up to it is committed and readable.</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbCommands.Command(connection, null, "SELECT sequence FROM journal_heads WHERE side = @side", ("side", Side.ToString()));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first <paramref name="limit"/> changes of the range that <paramref name="origins"/> selects, in order.</summary>
    public Task<IReadOnlyList<ChangeRecord>> ReadAsync(string entitySet, long after, long through, ChangeOrigins origins, int limit, CancellationToken cancellationToken)
    {
        var selected = origins switch
        {
            ChangeOrigins.Ordinary => " AND origin IS NULL",
            ChangeOrigins.Runtime => " AND origin IS NOT NULL",
            _ => string.Empty,
        };
        return ChangesAsync(
            "sequence > @after AND sequence <= @through" + selected + " ORDER BY sequence LIMIT @limit",
            entitySet,
            cancellationToken,
            ("after", after),
            ("through", through),
            ("limit", (long)limit));
    }

    /// <summary>How many changes the range holds, and how many of them have no origin (ordinary writers made them).</summary>
    public async Task<ChangeCount> CountAsync(string entitySet, long after, long through, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbCommands.Command(
            connection,
            null,
            "SELECT count(*), count(origin) FROM journal_changes WHERE side = @side AND entity_set = @set AND sequence > @after AND sequence <= @through",
            ("side", Side.ToString()),
            ("set", entitySet),
            ("after", after),
            ("through", through));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        return new ChangeCount(total, total - reader.GetInt64(1));
    }

    /// <summary>The row's change filed last before <paramref name="before"/>, or null.</summary>
    public async Task<ChangeRecord?> PreviousAsync(string entitySet, string rowKey, long before, CancellationToken cancellationToken) =>
        await ChangesAsync("row_key = @key AND sequence < @before ORDER BY sequence DESC LIMIT 1", entitySet, cancellationToken, ("key", rowKey), ("before", before)).ConfigureAwait(false)
            is [var previous] ? previous : null;

    /// <summary>Where the feed of <paramref name="entitySet"/> stands, or null before its first read.</summary>
    public async Task<string?> FeedPositionAsync(string entitySet, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FeedPositionAsync(connection, null, entitySet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Files a feed read in one transaction, unless the feed moved since the read started: another host (or an earlier
    /// poll) filed those changes already, and filing them again would number them twice. Returns the changes filed.
    /// Without <paramref name="moveFeed"/> it files the rows read so far of a read still going on (a first read's baseline).
    /// </summary>
    public async Task<int> FileAsync(FeedRead feed, bool moveFeed, CancellationToken cancellationToken)
    {
        await using var batch = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var position = await FeedPositionAsync(batch.Connection, batch.Transaction, feed.Table.Name, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(position, feed.From, StringComparison.Ordinal))
        {
            return 0;
        }

        var filed = await feed.FileAsync(batch, moveFeed, cancellationToken).ConfigureAwait(false);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return filed;
    }

    /// <summary>Starts a batch of journal writes that commit together, holding the side's head until then.</summary>
    public Task<JournalBatch> BeginAsync(CancellationToken cancellationToken) => JournalBatch.BeginAsync(this, _source, cancellationToken);

    public void Dispose()
    {
        if (_ownsSource)
        {
            _source.Dispose();
        }
    }

    // The side's changes of an entity set that meet the condition, in the order it gives.
    private async Task<IReadOnlyList<ChangeRecord>> ChangesAsync(string condition, string entitySet, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbCommands.Command(
            connection,
            null,
            "SELECT sequence, operation, row_key, image, origin, changed_at FROM journal_changes WHERE side = @side AND entity_set = @set AND " + condition,
            [("side", Side.ToString()), ("set", entitySet), .. parameters]);
        var changes = new List<ChangeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new ChangeRecord(
                reader.GetInt64(0),
                Side,
                entitySet,
                Enum.Parse<ChangeOperation>(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Dialect.ReadMoment(reader, 5)));
        }

        return changes;
    }

    private async Task<string?> FeedPositionAsync(DbConnection connection, DbTransaction? transaction, string entitySet, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Command(
            connection, transaction, "SELECT position FROM journal_feeds WHERE side = @side AND entity_set = @set", ("side", Side.ToString()), ("set", entitySet));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}

/// <summary>
/// What the journal knows of a row: the version and fingerprint last seen, its image (null when it was read without it,
/// see <see cref="JournalBatch.KnownAsync"/>), whether it was deleted.
/// </summary>
internal sealed record KnownRow(string? Version, string? Fingerprint, string? Image, bool Deleted);
