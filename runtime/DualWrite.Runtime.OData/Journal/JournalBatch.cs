using System;
using System.Globalization;
using DualWrite.Runtime.Environments;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>Journal writes that commit together: the changes of one poll with the feed positions they reached, or the connector's own writes of one commit.</summary>
internal sealed class JournalBatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private bool _done;

    internal JournalBatch(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction(deferred: false);
    }

    public KnownRow? Known(string entitySet, string rowKey) => ChangeJournal.Known(_connection, _transaction, entitySet, rowKey);

    /// <summary>Appends a change; the journal gives it the next sequence.</summary>
    public void Append(string entitySet, ChangeOperation operation, string rowKey, string image, string? origin, DateTimeOffset changedAt) =>
        ChangeJournal.Execute(_connection, _transaction,
            "INSERT INTO changes (entity_set, operation, row_key, image, origin, changed_at) VALUES ($set, $op, $key, $image, $origin, $at)",
            ("$set", entitySet), ("$op", operation.ToString()), ("$key", rowKey), ("$image", image), ("$origin", origin),
            ("$at", changedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)));

    /// <summary>Remembers the latest version of a row (null values keep what was known).</summary>
    public void Remember(string entitySet, string rowKey, string? version, string? fingerprint, string image, bool deleted) =>
        ChangeJournal.Execute(_connection, _transaction,
            "INSERT INTO rows (entity_set, row_key, version, fingerprint, image, deleted) VALUES ($set, $key, $version, $fingerprint, $image, $deleted) " +
            "ON CONFLICT (entity_set, row_key) DO UPDATE SET version = excluded.version, fingerprint = COALESCE(excluded.fingerprint, rows.fingerprint), image = excluded.image, deleted = excluded.deleted",
            ("$set", entitySet), ("$key", rowKey), ("$version", version), ("$fingerprint", fingerprint), ("$image", image), ("$deleted", deleted ? 1 : 0));

    public void SetFeedPosition(string entitySet, string position) =>
        ChangeJournal.Execute(_connection, _transaction,
            "INSERT INTO feeds (entity_set, position) VALUES ($set, $position) ON CONFLICT (entity_set) DO UPDATE SET position = excluded.position",
            ("$set", entitySet), ("$position", position));

    public void Commit()
    {
        _transaction.Commit();
        _done = true;
    }

    public void Dispose()
    {
        if (!_done)
        {
            _transaction.Rollback();
        }

        _transaction.Dispose();
        _connection.Dispose();
    }
}
