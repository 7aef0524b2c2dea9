using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DualWrite.Runtime.Environments;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.OData.InitialSync;

/// <summary>
/// Rows of one entity set put into <see cref="KeyOrder"/> on disk: a throwaway SQLite file whose key columns are
/// <c>NOCASE</c>, the collation <see cref="KeyOrder"/> reproduces, so SQLite's external sort gives the order the merge
/// needs while the process holds one row at a time (and SQLite its small page cache). The services cannot give that
/// order themselves: each sorts by its own collation, and a key through a lookup (the company of a Dataverse row) is not
/// a column they can order by.
/// </summary>
internal sealed class KeyOrderSpool : IDisposable
{
    // SQLite's page cache for the spool (negative: KiB); the sorter spills to temporary files beyond it.
    private const int CacheKiB = 8 * 1024;

    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly int _keyCount;
    private SqliteTransaction? _transaction;
    private SqliteCommand? _insert;

    private KeyOrderSpool(string path, SqliteConnection connection, int keyCount)
    {
        _path = path;
        _connection = connection;
        _keyCount = keyCount;
    }

    /// <summary>An empty spool for keys of <paramref name="keyCount"/> values, in a new file under <paramref name="folder"/>.</summary>
    public static KeyOrderSpool Create(string folder, int keyCount)
    {
        var path = Path.Combine(folder, $"dualwrite-keyorder-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        var spool = new KeyOrderSpool(path, connection, keyCount);
        try
        {
            connection.Open();
            var keys = string.Join(", ", Enumerable.Range(0, keyCount).Select(i => $"k{i} TEXT NOT NULL COLLATE NOCASE"));

            // A throwaway file: nothing to recover after a crash, so no journal and no syncs.
            spool.Execute($"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE; PRAGMA cache_size = -{CacheKiB}; CREATE TABLE spool ({keys}, image TEXT NOT NULL)");
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>Adds a row: its key values as text and its image; rows are written in transactions of a page.</summary>
    public void Add(IReadOnlyList<string> key, string image)
    {
        if (key.Count != _keyCount)
        {
            throw new ArgumentException($"The spool holds keys of {_keyCount} values, not {key.Count}.", nameof(key));
        }

        if (_insert is null)
        {
            _transaction = _connection.BeginTransaction();
            _insert = _connection.CreateCommand();
            _insert.Transaction = _transaction;
            var columns = Enumerable.Range(0, _keyCount).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            _insert.CommandText = $"INSERT INTO spool ({string.Join(", ", columns)}, image) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}, $image)";
            foreach (var column in columns)
            {
                _insert.Parameters.Add("$" + column, SqliteType.Text);
            }

            _insert.Parameters.Add("$image", SqliteType.Text);
            _insert.Prepare();
        }

        for (var i = 0; i < _keyCount; i++)
        {
            _insert.Parameters[i].Value = key[i];
        }

        _insert.Parameters[_keyCount].Value = image;
        _insert.ExecuteNonQuery();
    }

    /// <summary>Commits the rows added since the last call.</summary>
    public void EndPage()
    {
        _transaction?.Commit();
        _insert?.Dispose();
        _transaction?.Dispose();
        (_insert, _transaction) = (null, null);
    }

    /// <summary>
    /// The rows after <paramref name="after"/> (all when null) in key order, each with its image read only when it is
    /// yielded. Checks the order as it goes: a file that sorted otherwise than <see cref="KeyOrder"/> would make the merge
    /// pair the wrong rows, so it stops the read instead.
    /// </summary>
    public IEnumerable<(IReadOnlyList<string> Key, string Image)> Read(IReadOnlyList<string>? after)
    {
        EndPage();
        using var command = _connection.CreateCommand();
        var keys = string.Join(", ", Enumerable.Range(0, _keyCount).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"SELECT {keys}, image FROM spool ORDER BY {keys}";
        using var reader = command.ExecuteReader();
        IReadOnlyList<string>? previous = null;
        while (reader.Read())
        {
            var key = new string[_keyCount];
            for (var i = 0; i < _keyCount; i++)
            {
                key[i] = reader.GetString(i);
            }

            if (previous is not null && KeyOrder.Instance.Compare(previous, key) > 0)
            {
                throw new InvalidOperationException($"The key-order spool sorted [{string.Join(", ", previous)}] before [{string.Join(", ", key)}], against KeyOrder.");
            }

            previous = key;
            if (after is null || KeyOrder.Instance.Compare(key, after) > 0)
            {
                yield return (key, reader.GetString(_keyCount));
            }
        }
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _transaction?.Dispose();
        _connection.Dispose();
        File.Delete(_path);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
