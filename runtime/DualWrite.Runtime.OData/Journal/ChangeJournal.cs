using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Serialization;
using DualWrite.Runtime.Environments;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// The connector's durable journal (one SQLite file per connector). The services number no changes the way the
/// engine needs, so the journal does: every change the connector reads or makes gets the next sequence. It also keeps,
/// per row, the last image and version (ETag) seen, which tells an update from an insert, gives a deleted row's key
/// (a delta link names only its id), and recognises the connector's own writes when the service reports them back.
/// Each feed's position (delta link or watermark) is stored in the same transaction as the changes it produced.
/// </summary>
internal sealed class ChangeJournal : IDisposable
{
    private readonly string _connectionString;
    private readonly Side _side;

    public ChangeJournal(string path, Side side)
    {
        _side = side;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL");
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS changes (
              sequence INTEGER PRIMARY KEY AUTOINCREMENT,
              entity_set TEXT NOT NULL, operation TEXT NOT NULL, row_key TEXT NOT NULL,
              image TEXT NOT NULL, origin TEXT NULL, changed_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS changes_by_set ON changes (entity_set, sequence);
            CREATE TABLE IF NOT EXISTS rows (
              entity_set TEXT NOT NULL, row_key TEXT NOT NULL COLLATE NOCASE, version TEXT NULL, fingerprint TEXT NULL,
              image TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_set, row_key));
            CREATE TABLE IF NOT EXISTS feeds (entity_set TEXT PRIMARY KEY, position TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
    }

    /// <summary>A row key as the journal files it: the key values as a JSON array.</summary>
    public string RowImageKey(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values.ToArray(), KeyJson.Default.StringArray);

    public long Head()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM changes";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<ChangeRecord> Read(string entitySet, long after, long through)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, operation, row_key, image, origin, changed_at FROM changes WHERE entity_set = $set AND sequence > $after AND sequence <= $through ORDER BY sequence";
        command.Parameters.AddWithValue("$set", entitySet);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$through", through);
        return ReadAll(command, entitySet);
    }

    /// <summary>The row's change filed last before <paramref name="before"/>, or null.</summary>
    public ChangeRecord? Previous(string entitySet, string rowKey, long before)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, operation, row_key, image, origin, changed_at FROM changes WHERE entity_set = $set AND sequence < $before AND row_key = $key ORDER BY sequence DESC LIMIT 1";
        command.Parameters.AddWithValue("$set", entitySet);
        command.Parameters.AddWithValue("$before", before);
        command.Parameters.AddWithValue("$key", rowKey);
        return ReadAll(command, entitySet) is [var previous] ? previous : null;
    }

    private IReadOnlyList<ChangeRecord> ReadAll(SqliteCommand command, string entitySet)
    {
        var changes = new List<ChangeRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            changes.Add(new ChangeRecord(
                reader.GetInt64(0),
                _side,
                entitySet,
                Enum.Parse<ChangeOperation>(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        }

        return changes;
    }

    public string? Setting(string name)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() as string;
    }

    public void SetSetting(string name, string value)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    public string? FeedPosition(string entitySet)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM feeds WHERE entity_set = $set";
        command.Parameters.AddWithValue("$set", entitySet);
        return command.ExecuteScalar() as string;
    }

    /// <summary>The last image and version the journal knows of a row, or null.</summary>
    public KnownRow? Known(string entitySet, string rowKey)
    {
        using var connection = Open();
        return Known(connection, null, entitySet, rowKey);
    }

    /// <summary>The keys of the rows of an entity set the journal believes exist.</summary>
    public IReadOnlyList<string> LiveRowKeys(string entitySet)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT row_key FROM rows WHERE entity_set = $set AND deleted = 0";
        command.Parameters.AddWithValue("$set", entitySet);
        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>Starts a batch of journal writes that commit together.</summary>
    public JournalBatch Begin() => new(Open());

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    internal static KnownRow? Known(SqliteConnection connection, SqliteTransaction? transaction, string entitySet, string rowKey)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, fingerprint, image, deleted FROM rows WHERE entity_set = $set AND row_key = $key";
        command.Parameters.AddWithValue("$set", entitySet);
        command.Parameters.AddWithValue("$key", rowKey);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new KnownRow(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0)
            : null;
    }

    internal static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>What the journal knows of a row: the version and fingerprint last seen, its image, whether it was deleted.</summary>
internal sealed record KnownRow(string? Version, string? Fingerprint, string Image, bool Deleted);

[JsonSerializable(typeof(string[]))]
internal sealed partial class KeyJson : JsonSerializerContext
{
}
