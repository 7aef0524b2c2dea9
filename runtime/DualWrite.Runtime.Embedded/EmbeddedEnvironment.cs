using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
public sealed partial class EmbeddedEnvironment : IDualWriteEnvironment
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

    /// <summary>Nothing to do: the runtime's transactions log their writes with their origin, so no write of its own comes back unmarked.</summary>
    public void DeclareReadProperties(string entitySet, IReadOnlyCollection<string> properties)
    {
    }

    /// <summary>A transaction on the database, holding its write lock until it ends (for hosts and tests that write rows directly).</summary>
    internal EmbeddedTransaction BeginTransaction(string? origin) => BeginTransaction(origin, TimeProvider.System);

    /// <summary>A transaction whose changes <paramref name="clock"/> stamps (the local OData services' own clock).</summary>
    internal EmbeddedTransaction BeginTransaction(string? origin, TimeProvider clock)
    {
        var connection = OpenConnection();
        try
        {
            return new EmbeddedTransaction(Schema, connection, origin, clock);
        }
        catch (SqliteException exception) when (SqliteUnavailability.IsTransient(exception))
        {
            connection.Dispose();
            throw SqliteUnavailability.ToUnavailable(Side, DatabasePath, exception);
        }
    }

    /// <summary>Indexes the change log by row (<see cref="SqliteLayout.ChangesByRowIndex"/>), for a store that reads rows with their last change.</summary>
    internal void IndexChangesByRow()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteLayout.ChangesByRowIndex;
        command.ExecuteNonQuery();
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
