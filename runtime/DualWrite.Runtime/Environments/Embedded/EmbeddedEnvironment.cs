using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// An F&amp;O or Dataverse environment kept in a SQLite database: one table per entity set of the schema, and a change
/// log (<c>dw_changes</c>) of every insert, update and delete in commit order: triggers fill it for plain SQL, and the
/// runtime's transactions (<see cref="BeginTransactionAsync"/>) write their own rows in the same form. Hosts write to it with
/// plain SQL (<see cref="ConnectionString"/>) or through <see cref="Save{T}"/> and <see cref="Delete{T}"/>; such writes
/// are ordinary changes that the engine syncs.
/// </summary>
public sealed class EmbeddedEnvironment : IDualWriteEnvironment
{
    private EmbeddedEnvironment(Side side, EnvironmentSchema schema, string databasePath, string environmentId)
    {
        Side = side;
        Schema = schema;
        DatabasePath = databasePath;
        EnvironmentId = environmentId;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
    }

    /// <inheritdoc/>
    public Side Side { get; }

    /// <inheritdoc/>
    public string EnvironmentId { get; }

    /// <inheritdoc/>
    public EnvironmentSchema Schema { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The connection string for plain SQL against the environment.</summary>
    public string ConnectionString { get; }

    /// <summary>Opens the environment in <paramref name="databasePath"/>, creating the database and its tables from the CSDL file <paramref name="schemaPath"/> when missing.</summary>
    public static EmbeddedEnvironment Open(Side side, string databasePath, string schemaPath) =>
        Open(side, databasePath, EnvironmentSchema.ReadFile(side, schemaPath));

    /// <summary>Opens the environment in <paramref name="databasePath"/>, creating the database and its tables from <paramref name="schema"/> when missing.</summary>
    public static EmbeddedEnvironment Open(Side side, string databasePath, EnvironmentSchema schema)
    {
        if (schema.Side != side)
        {
            throw new ArgumentException($"The schema describes {schema.Side}, not {side}.", nameof(schema));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var bootstrap = new EmbeddedEnvironment(side, schema, databasePath, string.Empty);
        using var connection = bootstrap.OpenConnection();
        using (var wal = connection.CreateCommand())
        {
            // WAL lets readers (a host's queries) go on while the engine holds the write lock.
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var statement in SqliteLayout.Statements(schema))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        var environmentId = Identify(connection, transaction, side);
        transaction.Commit();
        return new EmbeddedEnvironment(side, schema, databasePath, environmentId);
    }

    /// <summary>
    /// What SQLite gives: inserts and counts by its unique indexes, reads by origin through a partial index, and images
    /// of earlier changes; one writer at a time, so a transaction holds the write lock.
    /// </summary>
    public EnvironmentCapabilities Capabilities =>
        EnvironmentCapabilities.NativeTryInsert | EnvironmentCapabilities.NativeChangeCounts | EnvironmentCapabilities.ReadsByOrigin | EnvironmentCapabilities.PreviousImages;

    /// <inheritdoc/>
    public ValueTask<long> GetHeadAsync(CancellationToken cancellationToken) => new(GetHead());

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken) =>
        new(ReadChanges(entitySet, afterSequence, throughSequence, origins, limit));

    /// <inheritdoc/>
    public ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        new(PreviousChange(entitySet, rowKey, beforeSequence));

    /// <inheritdoc/>
    public ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken) =>
        new(CountChanges(entitySet, afterSequence, throughSequence));

    /// <inheritdoc/>
    public ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(BeginTransaction(origin));
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<KeyedRow<T>> ReadInKeyOrderAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, CancellationToken cancellationToken)
        where T : class => new SynchronousRows<KeyedRow<T>>(new EmbeddedKeyOrderReader(this).Read(descriptor, keyPaths, after));

    /// <inheritdoc/>
    public ValueTask<long> CountRowsAsync(string entitySet, CancellationToken cancellationToken) => new(new EmbeddedKeyOrderReader(this).Count(entitySet));

    /// <inheritdoc/>
    public ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken)
    {
        EnsureCompanies(companyCodes);
        return default;
    }

    /// <summary>The sequence of the last change committed, or 0 (for hosts and tests that write rows directly).</summary>
    public long GetHead()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(sequence), 0) FROM {SqliteLayout.ChangesTable}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every change of the range, in order (for hosts and tests that look at the change log directly).</summary>
    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence) =>
        ReadChanges(entitySet, afterSequence, throughSequence, ChangeOrigins.All, int.MaxValue);

    private IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit)
    {
        // Ordinary changes are read through the partial index of rows without an origin.
        var selected = origins switch
        {
            ChangeOrigins.Ordinary => " AND origin IS NULL",
            ChangeOrigins.Runtime => " AND origin IS NOT NULL",
            _ => string.Empty,
        };
        using var connection = OpenConnection();
        using var read = new NativeStatement(
            connection,
            $"SELECT sequence, operation, row_key, image, origin, changed_at FROM {SqliteLayout.ChangesTable} " +
            $"WHERE entity_set = ?1 AND sequence > ?2 AND sequence <= ?3{selected} ORDER BY sequence LIMIT ?4");
        var table = Schema.GetTable(entitySet).Name;
        read.Bind(1, table);
        read.Bind(2, afterSequence);
        read.Bind(3, throughSequence);
        read.Bind(4, (long)limit);
        var changes = new List<ChangeRecord>();
        while (read.Read())
        {
            // entity_set compares exactly (binary), so every row holds the table's own name.
            changes.Add(new ChangeRecord(
                read.Int64(0),
                Side,
                table,
                Operation(read.Utf8(1)),
                read.Text(2)!,
                read.Text(3)!,
                read.Text(4),
                ChangedAt(read.Utf8(5))));
        }

        return changes;
    }

    private ChangeRecord? PreviousChange(string entitySet, string rowKey, long beforeSequence)
    {
        // Rare (conflicts, a runtime write over an unsynced edit, an update whose target row is missing): the index on
        // (entity_set, sequence) is walked back to the row's last change, with no index of its own to slow every write.
        using var connection = OpenConnection();
        using var read = new NativeStatement(
            connection,
            $"SELECT sequence, operation, row_key, image, origin, changed_at FROM {SqliteLayout.ChangesTable} " +
            "WHERE entity_set = ?1 AND sequence < ?2 AND row_key = ?3 ORDER BY sequence DESC LIMIT 1");
        var table = Schema.GetTable(entitySet).Name;
        read.Bind(1, table);
        read.Bind(2, beforeSequence);
        read.Bind(3, rowKey);
        return read.Read()
            ? new ChangeRecord(read.Int64(0), Side, table, Operation(read.Utf8(1)), read.Text(2)!, read.Text(3)!, read.Text(4), ChangedAt(read.Utf8(5)))
            : null;
    }

    private ChangeCount CountChanges(string entitySet, long afterSequence, long throughSequence)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT COUNT(*) FROM {SqliteLayout.ChangesTable} WHERE entity_set = $set AND sequence > $after AND sequence <= $through), " +
            $"(SELECT COUNT(*) FROM {SqliteLayout.ChangesTable} WHERE entity_set = $set AND sequence > $after AND sequence <= $through AND origin IS NULL)";
        command.Parameters.AddWithValue("$set", Schema.GetTable(entitySet).Name);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$through", throughSequence);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new ChangeCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>A transaction on the database, holding its write lock until it ends (for hosts and tests that write rows directly).</summary>
    internal EmbeddedTransaction BeginTransaction(string? origin)
    {
        var connection = OpenConnection();
        try
        {
            return new EmbeddedTransaction(Schema, connection, origin);
        }
        catch (SqliteException exception) when (SqliteUnavailability.IsTransient(exception))
        {
            connection.Dispose();
            throw SqliteUnavailability.ToUnavailable(Side, DatabasePath, exception);
        }
    }

    private void EnsureCompanies(IReadOnlyCollection<string> companyCodes)
    {
        if (Side == Side.Fo || companyCodes.Count == 0)
        {
            return;
        }

        var table = Schema.FindTable(DataverseCompany.Table)
            ?? throw new NotSupportedException($"The Dataverse schema has no '{DataverseCompany.Table}' table, so legal entities cannot be linked.");
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var code in companyCodes)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var name = table.FindColumn("cdm_name") is null ? string.Empty : ", cdm_name";
            var nameValue = name.Length == 0 ? string.Empty : ", $code";
            command.CommandText = $"INSERT INTO {DataverseCompany.Table} ({DataverseCompany.IdColumn}, {DataverseCompany.CodeColumn}{name}) " +
                $"SELECT $id, $code{nameValue} WHERE NOT EXISTS (SELECT 1 FROM {DataverseCompany.Table} WHERE {DataverseCompany.CodeColumn} = $code)";
            command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
            command.Parameters.AddWithValue("$code", code);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// Creates or updates a row as an ordinary writer (not through dual-write), found by the table's own key: the
    /// entity key on F&amp;O, the first alternate key the class covers on Dataverse.
    /// </summary>
    public void Save<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var (paths, values) = NaturalKey(descriptor, entity);
        using var transaction = BeginTransaction(origin: null);
        if (transaction.Find(descriptor, paths, values) is null)
        {
            transaction.Insert(descriptor, entity);
        }
        else
        {
            transaction.Update(descriptor, paths, values, entity, descriptor.Properties.Select(p => p.Name).ToList());
        }

        transaction.Commit();
    }

    /// <summary>Deletes a row as an ordinary writer, found by the table's own key; false when there is none.</summary>
    public bool Delete<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var (paths, values) = NaturalKey(descriptor, entity);
        using var transaction = BeginTransaction(origin: null);
        var deleted = transaction.Delete(descriptor, paths, values);
        transaction.Commit();
        return deleted;
    }

    /// <summary>Every row of the class's table.</summary>
    public IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
        where T : class
    {
        using var transaction = BeginTransaction(origin: null);
        return transaction.Query(descriptor);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
        }
        catch (SqliteException exception) when (SqliteUnavailability.IsTransient(exception))
        {
            connection.Dispose();
            throw SqliteUnavailability.ToUnavailable(Side, DatabasePath, exception);
        }

        using var pragma = connection.CreateCommand();

        // A write that fires a change-log trigger makes SQLite open a statement journal; kept on disk (the default) that
        // nearly doubled the cost of the write. The statement journal only undoes a failed statement inside a live
        // transaction: crash recovery goes through the WAL, so durability does not change. A pass writes all its changes
        // in one transaction; with SQLite's default 2 MB page cache a large pass spilled pages to the WAL before the
        // commit. 64 MB is a ceiling, not an allocation.
        pragma.CommandText = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static ChangeOperation Operation(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("Insert"u8) => ChangeOperation.Insert,
        _ when text.SequenceEqual("Update"u8) => ChangeOperation.Update,
        _ when text.SequenceEqual("Delete"u8) => ChangeOperation.Delete,
        _ => Enum.Parse<ChangeOperation>(Encoding.UTF8.GetString(text)),
    };

    // The change log holds strftime('%Y-%m-%dT%H:%M:%fZ'), read digit by digit (a pass reads one per change, and the
    // general parsers took a tenth of the read); anything else a host put there is still read.
    private static DateTimeOffset ChangedAt(ReadOnlySpan<byte> text)
    {
        if (text.Length == 24 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[23] == 'Z'
            && Digits(text, 0, 4) is var year and > 0 && Digits(text, 5, 2) is var month and > 0 && Digits(text, 8, 2) is var day and > 0
            && Digits(text, 11, 2) is var hour and >= 0 && Digits(text, 14, 2) is var minute and >= 0 && Digits(text, 17, 2) is var second and >= 0
            && Digits(text, 20, 3) is var millisecond and >= 0 && month <= 12 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
        {
            return new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        }

        return DateTimeOffset.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (text[i] is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    private (IReadOnlyList<KeyPath> Paths, IReadOnlyList<object?> Values) NaturalKey<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var table = Schema.GetTable(descriptor);
        var keys = Side == Side.Fo || table.AlternateKeys.Count == 0 ? new[] { table.PrimaryKey } : table.AlternateKeys;
        foreach (var key in keys)
        {
            var paths = new List<KeyPath>();
            if (key.All(column => AddPaths(table, descriptor, column, Array.Empty<string>(), paths)))
            {
                return (paths, paths.Select(path => path.ReadValue(descriptor, entity)).ToList());
            }
        }

        throw new NotSupportedException($"{descriptor.ClrType.Name} does not carry a complete key of {table.Name}, so its row cannot be found.");
    }

    private bool AddPaths(TableSchema table, IEntityDescriptor descriptor, string column, string[] lookups, List<KeyPath> paths)
    {
        var lookup = table.Lookups.FirstOrDefault(l => string.Equals(l.ValueColumn, column, StringComparison.OrdinalIgnoreCase) && Property(descriptor, l.Name)?.Reference is not null);
        if (lookup is null)
        {
            if (Property(descriptor, column) is null)
            {
                return false;
            }

            paths.Add(new KeyPath([.. lookups, column]));
            return true;
        }

        var target = Schema.GetTable(lookup.TargetTable);
        var reference = Property(descriptor, lookup.Name)!.Reference!;
        var targetKey = target.AlternateKeys.Count > 0 ? target.AlternateKeys[0] : target.PrimaryKey;
        return targetKey.All(c => AddPaths(target, reference, c, [.. lookups, lookup.Name], paths));
    }

    private static IEntityProperty? Property(IEntityDescriptor descriptor, string name) =>
        descriptor.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Identify(SqliteConnection connection, SqliteTransaction transaction, Side side)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT environment_id, side FROM {SqliteLayout.EnvironmentTable} WHERE id = 1";
        using (var reader = read.ExecuteReader())
        {
            if (reader.Read())
            {
                var storedSide = Enum.Parse<Side>(reader.GetString(1));
                return storedSide == side
                    ? reader.GetString(0)
                    : throw new InvalidOperationException($"The database is a {storedSide} environment, not {side}.");
            }
        }

        var id = Guid.NewGuid().ToString("D");
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = $"INSERT INTO {SqliteLayout.EnvironmentTable} (id, environment_id, side, created_at) VALUES (1, $id, $side, $at)";
        write.Parameters.AddWithValue("$id", id);
        write.Parameters.AddWithValue("$side", side.ToString());
        write.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
        write.ExecuteNonQuery();
        return id;
    }
}
