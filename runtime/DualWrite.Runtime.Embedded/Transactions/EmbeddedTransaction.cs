using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// A write transaction on an embedded environment (SQLite <c>BEGIN IMMEDIATE</c>): it holds the database's write lock
/// from the start, so the change log cannot move under the engine while it reads, decides and writes. Its parts: the
/// entity operations here, finding rows by key paths (<c>.Keys</c>), binding lookups (<c>.Lookups</c>), materializing
/// rows (<c>.Materialization</c>) and the port (<c>.Port</c>); prepared statements, change images and ids have classes
/// of their own.
/// </summary>
internal sealed partial class EmbeddedTransaction
{
    private const string RowIdColumn = "dw_rowid";

    private readonly EnvironmentSchema _schema;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly StatementCache _statements;
    private readonly ChangeImages _images;
    private readonly ChangeLogWriter _log;
    private readonly LookupCache _lookups = new();
    private readonly TimeOrderedIds _ids = new();
    private readonly Func<TableSchema, object, IReadOnlyDictionary<string, object?>?> _readById;
    private bool _done;
    private string? _origin;

    public EmbeddedTransaction(EnvironmentSchema schema, SqliteConnection connection, string? origin, TimeProvider clock)
    {
        _schema = schema;
        _connection = connection;
        _readById = ReadByPrimaryKey;

        // The transaction logs its own writes (ChangeLogWriter), so the tables' triggers must not log them a second time.
        // Turned off before any statement is prepared (SQLite compiles triggers into a statement when preparing it),
        // and on again before the connection goes back to the pool that plain SQL writers share.
        TriggersOn(connection, on: false);
        try
        {
            _transaction = connection.BeginTransaction(deferred: false);
        }
        catch
        {
            // The write lock was not granted (another writer holds it): the caller disposes the connection, into the pool.
            TriggersOn(connection, on: true);
            throw;
        }

        _statements = new StatementCache(connection, _transaction);
        _images = new ChangeImages(schema, _statements);
        _log = new ChangeLogWriter(connection, clock);
        _origin = origin;
    }

    public T Materialize<T>(EntityDescriptor<T> descriptor, ChangeRecord change)
        where T : class
    {
        var table = _schema.GetTable(change.EntitySet);
        var row = ChangeImages.Parse(change.Image, table.Columns.Count);

        // A deleted row's lookups may point to rows deleted with it; the image still identifies the record.
        return (T)MaterializeRow(descriptor, table, row, lenient: change.Operation == ChangeOperation.Delete);
    }

    public T? Find<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var row = FindRow(table, keyPaths, keyValues);
        return row is null ? null : (T)MaterializeRow(descriptor, table, row, lenient: false);
    }

    public IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        using var command = _statements.Command($"SELECT * FROM {SqliteLayout.Quote(table.Name)} ORDER BY rowid");
        return StatementCache.ReadRows(command).Select(row => (T)MaterializeRow(descriptor, table, row, lenient: false)).ToList();
    }

    public void Insert<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class => InsertColumns(_schema.GetTable(descriptor), InsertColumnsOf(descriptor, entity));

    /// <summary>
    /// Inserts without looking for the row first when a unique index of the table (its key or an alternate key) lies on
    /// the key paths' columns and the row carries exactly the key's values: then a taken key makes the insert fail, and
    /// only then is the row looked for.
    /// </summary>
    public bool TryInsert<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        List<(string Column, object Value)> columns;

        // Whatever refuses the insert (a taken key, a lookup without target, a value too long), an existing row means the
        // caller updates it instead, exactly as when it looked first.
        try
        {
            columns = InsertColumnsOf(descriptor, entity);
            if (UniqueOnKey(table, keyPaths, keyValues, columns))
            {
                InsertColumns(table, columns);
                return true;
            }
        }
        catch (EnvironmentWriteException) when (FindRow(table, keyPaths, keyValues) is not null)
        {
            return false;
        }

        if (FindRow(table, keyPaths, keyValues) is not null)
        {
            return false;
        }

        InsertColumns(table, columns);
        return true;
    }

    public void Update<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var row = FindRow(table, keyPaths, keyValues)
            ?? throw new EnvironmentWriteException($"{table.Name} has no row with {Describe(keyPaths, keyValues)} to update.");
        var company = FindOwningCompany(table, descriptor, entity, row);
        var selected = descriptor.Properties.Where(p => properties.Contains(p.Name)).ToList();
        UpdateRow(table, row[RowIdColumn]!, row, CollectColumns(descriptor, entity, table, selected, company, skipNulls: false));
    }

    public bool Delete<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var row = FindRow(table, keyPaths, keyValues);
        if (row is null)
        {
            return false;
        }

        DeleteRow(table, row[RowIdColumn]!, row);
        return true;
    }

    public void SetOrigin(string? origin) => _origin = origin;

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
            _done = true;
        }

        _statements.Dispose();
        _log.Dispose();
        _transaction.Dispose();
        TriggersOn(_connection, on: true);
        _connection.Dispose();
    }

    private List<(string Column, object Value)> InsertColumnsOf<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var table = _schema.GetTable(descriptor);
        var company = FindOwningCompany(table, descriptor, entity, existingRow: null);
        var columns = CollectColumns(descriptor, entity, table, descriptor.Properties, company, skipNulls: true);
        if (_schema.Side == Side.Dataverse && table.PrimaryKey.Count == 1 && columns.All(c => !string.Equals(c.Column, table.PrimaryKey[0], StringComparison.OrdinalIgnoreCase)))
        {
            columns.Add((table.PrimaryKey[0], _ids.Next().ToString("D")));
        }

        return columns;
    }

    private void InsertColumns(TableSchema table, List<(string Column, object Value)> columns)
    {
        var command = new Statement { CommandText = _statements.InsertText(table, columns) };
        foreach (var (_, value) in columns)
        {
            command.Values.Add(value);
        }

        Write(command, table);
        _log.Log(table, ChangeOperation.Insert, _images.InsertedRow(table, columns), _origin);
    }

    /// <summary>Writes <paramref name="columns"/> (stored values) into the row <paramref name="before"/>, and logs the change unless the row keeps every value.</summary>
    private void UpdateRow(TableSchema table, object rowId, IReadOnlyDictionary<string, object?> before, List<(string Column, object Value)> columns)
    {
        if (columns.Count == 0)
        {
            return;
        }

        var (updated, exact) = _images.UpdatedRow(table, before, columns);
        if (exact && ChangeImages.SameRow(table, before, updated))
        {
            // The triggers log no update that changes nothing, so neither is it written nor logged here.
            return;
        }

        var command = new Statement();
        var assignments = string.Join(", ", columns.Select(c => $"{SqliteLayout.Quote(c.Column)} = {command.Parameter(c.Value)}"));
        command.CommandText = $"UPDATE {SqliteLayout.Quote(table.Name)} SET {assignments} WHERE rowid = {command.Parameter(rowId)}";
        Write(command, table);
        if (!exact)
        {
            updated = _images.StoredRow(table, rowId);
            if (ChangeImages.SameRow(table, before, updated))
            {
                return;
            }
        }

        _log.Log(table, ChangeOperation.Update, updated, _origin);
    }

    private void DeleteRow(TableSchema table, object rowId, IReadOnlyDictionary<string, object?> before)
    {
        var command = new Statement();
        command.CommandText = $"DELETE FROM {SqliteLayout.Quote(table.Name)} WHERE rowid = {command.Parameter(rowId)}";
        Write(command, table);
        _log.Log(table, ChangeOperation.Delete, ChangeImages.InColumnOrder(table, before), _origin);
    }

    /// <summary>Runs a write statement; what the transaction looked up in the table no longer holds.</summary>
    private void Write(Statement statement, TableSchema table)
    {
        _lookups.Forget(table);
        _statements.Execute(statement, table);
    }

    private static void TriggersOn(SqliteConnection connection, bool on)
    {
        var code = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, out var state);
        if (code != SQLitePCL.raw.SQLITE_OK || state != (on ? 1 : 0))
        {
            throw new InvalidOperationException($"SQLite did not turn triggers {(on ? "on" : "off")} (error {code}).");
        }
    }
}
