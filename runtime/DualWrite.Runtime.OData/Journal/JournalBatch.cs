using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State.Sql;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// Journal writes that commit together: the changes of one feed read with the position they reached, or the connector's
/// own writes of one commit. The batch takes its side's head row first and keeps it to the end, so that appenders of a
/// side, in this host or another, go one at a time: sequences stay dense, commit in order, and a reader that sees a head
/// sees every change up to it. Holding the head also means no other batch of the side writes its rows meanwhile, so what
/// the batch read of a row it keeps, with what it wrote to it since, and answers again without a query; and each
/// statement is prepared once per batch and run again with new values. Rows and changes wait (<see cref="PendingWrites"/>)
/// and are sent, as many to a statement as the database takes best, when enough are waiting, before the batch reads the
/// journal's rows, and at its commit.
/// </summary>
internal sealed class JournalBatch : IAsyncDisposable
{
    // Keys per query of LoadKnownAsync, passed as one list: a page's rows take a few.
    private const int KeysPerQuery = 500;

    // Rows and changes held before they are sent without waiting for a read or the commit: a few statements' worth.
    private const int PendingLimit = 64 * PendingWrites.MostRowsPerStatement;
    private readonly ChangeJournal _journal;
    private readonly string _side;
    private readonly long _startHead;
    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedWrite> _writes = new(StringComparer.Ordinal);
    private readonly PendingWrites _pending;

    // Rows by entity set and key in any case, as the batch read or wrote them (null where the journal has none), with
    // the key folded once: each row filed is asked for and remembered, and a key with capitals folds into a new string.
    private readonly Dictionary<(string EntitySet, string Key), (string Folded, KnownRow? Row)> _known = new(FoldedKeys.Instance);
    private long _head;
    private bool _done;

    private JournalBatch(ChangeJournal journal, DbConnection connection, DbTransaction transaction, long head)
    {
        _journal = journal;
        _side = journal.Side.ToString();
        _pending = new PendingWrites(journal.Dialect.RowsPerInsert);
        Connection = connection;
        Transaction = transaction;
        _startHead = head;
        _head = head;
    }

    internal DbConnection Connection { get; }

    internal DbTransaction Transaction { get; }

    public static async Task<JournalBatch> BeginAsync(ChangeJournal journal, DbDataSource source, CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        DbTransaction? transaction = null;
        try
        {
            transaction = journal.Dialect.BeginWrite(connection);

            // An update locks the head row (PostgreSQL) or the database (SQLite) until the batch ends.
            await using var command = DbCommands.Command(
                connection, transaction, "UPDATE journal_heads SET sequence = sequence WHERE side = @side RETURNING sequence", ("side", journal.Side.ToString()));
            var head = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return new JournalBatch(journal, connection, transaction, head);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// What the journal knows of a row, or null. Without <paramref name="withImage"/> the row's image may be left unread
    /// (null): a row that is only compared by version and fingerprint need not bring its image back. A value task: every
    /// row a feed read files asks, and the batch answers nearly all from the rows it loaded before.
    /// </summary>
    public async ValueTask<KnownRow?> KnownAsync(string entitySet, string rowKey, bool withImage, CancellationToken cancellationToken)
    {
        var found = _known.TryGetValue((entitySet, rowKey), out var kept);
        if (found && Enough(kept.Row, withImage))
        {
            return kept.Row;
        }

        await LoadAsync(entitySet, [found ? kept.Folded : Folded(rowKey)], withImage, cancellationToken).ConfigureAwait(false);
        return _known[(entitySet, rowKey)].Row;
    }

    /// <summary>Reads what the journal knows of many rows in a few queries, so that <see cref="KnownAsync"/> answers them without one each.</summary>
    public async Task LoadKnownAsync(string entitySet, IEnumerable<string> rowKeys, bool withImages, CancellationToken cancellationToken)
    {
        // Sized for the keys at once: a filing asks for a few thousand, and grown from empty each set is copied a dozen times.
        var count = rowKeys.TryGetNonEnumeratedCount(out var keys) ? keys : 0;
        var wanted = new List<string>(count);
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        _known.EnsureCapacity(_known.Count + count);
        foreach (var rowKey in rowKeys)
        {
            var found = _known.TryGetValue((entitySet, rowKey), out var kept);
            if (found && Enough(kept.Row, withImages))
            {
                continue;
            }

            var folded = found ? kept.Folded : Folded(rowKey);
            if (seen.Add(folded))
            {
                wanted.Add(folded);
            }
        }

        for (var start = 0; start < wanted.Count; start += KeysPerQuery)
        {
            await LoadAsync(entitySet, wanted.GetRange(start, Math.Min(KeysPerQuery, wanted.Count - start)), withImages, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The keys of the rows of an entity set the journal believes exist.</summary>
    public async Task<IReadOnlyList<string>> LiveRowKeysAsync(string entitySet, CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DbCommands.Command(
            Connection, Transaction, "SELECT row_key FROM journal_rows WHERE side = @side AND entity_set = @set AND deleted = 0", ("side", _side), ("set", entitySet));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>Appends a change under the side's next sequence.</summary>
    public Task AppendAsync(string entitySet, ChangeOperation operation, string rowKey, string image, string? origin, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        _pending.Append(++_head, entitySet, operation.ToString(), rowKey, image, origin, _journal.Dialect.Moment(changedAt));
        return SendWhenFullAsync(cancellationToken);
    }

    /// <summary>Remembers the latest version of a row (a null fingerprint keeps the one known); its key keeps its first spelling.</summary>
    public Task RememberAsync(string entitySet, string rowKey, string? version, string? fingerprint, string image, bool deleted, CancellationToken cancellationToken)
    {
        // Only a row the batch read is kept: the others (a first read's baseline) are not asked for again.
        string folded;
        if (_known.TryGetValue((entitySet, rowKey), out var kept))
        {
            folded = kept.Folded;
            _known[(entitySet, rowKey)] = (folded, new KnownRow(version, fingerprint ?? kept.Row?.Fingerprint, image, deleted));
        }
        else
        {
            folded = Folded(rowKey);
        }

        _pending.Remember(entitySet, folded, rowKey, version, fingerprint, image, deleted);
        return SendWhenFullAsync(cancellationToken);
    }

    public Task SetFeedPositionAsync(string entitySet, string position, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO journal_feeds (side, entity_set, position) VALUES (@side, @set, @position) ON CONFLICT (side, entity_set) DO UPDATE SET position = excluded.position",
            cancellationToken,
            ("side", _side),
            ("set", entitySet),
            ("position", position));

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        if (_head != _startHead)
        {
            await DbCommands.ExecuteAsync(Connection, Transaction, "UPDATE journal_heads SET sequence = @head WHERE side = @side", cancellationToken, ("head", _head), ("side", _side))
                .ConfigureAwait(false);
        }

        await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _done = true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
        {
            await statement.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var write in _writes.Values)
        {
            await write.DisposeAsync().ConfigureAwait(false);
        }

        if (!_done)
        {
            await Transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    // Reads the rows of the folded keys into the batch's, their images too when asked; a key the journal lacks is kept as null.
    private async Task LoadAsync(string entitySet, IReadOnlyList<string> folded, bool withImages, CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in folded)
        {
            _known[(entitySet, key)] = (key, null);
        }

        // The keys go as one list parameter, not one parameter each: SQLite finds a parameter by a scan of the statement's names.
        var command = Statement(
            $"SELECT folded_key, version, fingerprint, {(withImages ? "image" : "NULL")}, deleted FROM journal_rows WHERE side = @side AND entity_set = @set AND {_journal.Dialect.IsAnyOf("folded_key", "keys")}",
            [("side", _side), ("set", entitySet), ("keys", _journal.Dialect.TextList(folded))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = reader.GetString(0);
            _known[(entitySet, key)] = (key, new KnownRow(
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                withImages ? reader.GetString(3) : null,
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) != 0));
        }
    }

    // Whether a row the batch keeps answers a question that wants its image, or not: a row the journal lacks always does.
    private static bool Enough(KnownRow? kept, bool withImage) => !withImage || kept is null || kept.Image is not null;

    private Task SendWhenFullAsync(CancellationToken cancellationToken) =>
        _pending.Count >= PendingLimit ? SendPendingAsync(cancellationToken) : Task.CompletedTask;

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var (rows, changes) = _pending.Drain();
        await SendAsync(rows, PendingWrites.RowsSql, cancellationToken).ConfigureAwait(false);
        await SendAsync(changes, PendingWrites.ChangesSql, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(List<object?[]> rows, Func<int, string> sql, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += _pending.RowsPerStatement)
        {
            var count = Math.Min(_pending.RowsPerStatement, rows.Count - start);
            await RowsStatement(sql(count), rows, start, count).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The batch's statement for rows[start..start + count], its parameters the side's and then each row's values in
    // turn: prepared once, the side bound once, and run again with each statement's rows bound.
    private PreparedWrite RowsStatement(string sql, List<object?[]> rows, int start, int count)
    {
        if (!_writes.TryGetValue(sql, out var write))
        {
            var names = new List<string> { "side" };
            for (var value = 0; value < count * rows[start].Length; value++)
            {
                names.Add(PendingWrites.ParameterName(value));
            }

            write = _journal.Dialect.PrepareWrite(Connection, Transaction, sql, names);
            _writes.Add(sql, write);
            write.Bind(0, _side);
        }

        var next = 1;
        for (var row = start; row < start + count; row++)
        {
            foreach (var value in rows[row])
            {
                write.Bind(next++, value);
            }
        }

        return write;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await Statement(sql, parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

    // The batch's command for the SQL, prepared by its first run and run again with these values.
    private DbCommand Statement(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = DbCommands.Command(Connection, Transaction, sql, parameters);
            _statements.Add(sql, command);
            return command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    // The services match keys ignoring case (F&O) or spell them in one case (Dataverse's ids); the key is ASCII JSON.
    private static string Folded(string rowKey) => rowKey.ToLowerInvariant();

    // Entity sets as spelled, keys as folded: for ASCII, ignoring case is comparing the lower-case forms.
    private sealed class FoldedKeys : IEqualityComparer<(string EntitySet, string Key)>
    {
        public static readonly FoldedKeys Instance = new();

        public bool Equals((string EntitySet, string Key) x, (string EntitySet, string Key) y) =>
            string.Equals(x.EntitySet, y.EntitySet, StringComparison.Ordinal) && string.Equals(x.Key, y.Key, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string EntitySet, string Key) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.EntitySet), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
    }
}
