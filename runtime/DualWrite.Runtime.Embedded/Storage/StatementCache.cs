using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.State.Sql;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// The statements of one transaction, each text prepared once: a pass runs the same few statements for every change,
/// and preparing one costs more than running it.
/// </summary>
internal sealed class StatementCache : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeStatement> _writes = new(StringComparer.Ordinal);
    private readonly List<(string[] Names, string Text)> _insertTexts = new();

    public StatementCache(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The rowid of the row the last insert on the connection wrote.</summary>
    public long LastInsertRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

    /// <summary>A command of the transaction that is not kept (a statement run once per call, such as a whole-table read).</summary>
    public SqliteCommand Command(string text)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = text;
        return command;
    }

    /// <summary>The transaction's command for the statement's text, with the statement's values bound.</summary>
    public SqliteCommand Prepare(Statement statement)
    {
        if (!_commands.TryGetValue(statement.CommandText, out var command))
        {
            command = Command(statement.CommandText);
            for (var i = 0; i < statement.Values.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
            }

            _commands.Add(statement.CommandText, command);
        }

        for (var i = 0; i < statement.Values.Count; i++)
        {
            command.Parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Runs a write statement through SQLite's own API (see <see cref="NativeStatement"/>); a refused constraint names the table.</summary>
    public void Execute(Statement statement, TableSchema table)
    {
        if (!_writes.TryGetValue(statement.CommandText, out var write))
        {
            write = new NativeStatement(_connection, statement.CommandText);
            _writes.Add(statement.CommandText, write);

            // Values bind by position: the texts name their parameters $p0, $p1... in order of appearance.
            for (var i = 1; i <= write.ParameterCount; i++)
            {
                if (write.ParameterName(i) != "$p" + (i - 1).ToString(CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"Parameter {i} of '{statement.CommandText}' is not $p{i - 1}.");
                }
            }
        }

        for (var i = 0; i < statement.Values.Count; i++)
        {
            write.Bind(i + 1, statement.Values[i]);
        }

        try
        {
            write.Execute();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19)
        {
            throw new EnvironmentWriteException($"{table.Name} refused the write: {exception.Message}", exception);
        }
    }

    /// <summary>The INSERT of these columns into the table; a pass inserts the same columns, the schema's own strings, for every change.</summary>
    public string InsertText(TableSchema table, List<(string Column, object Value)> columns)
    {
        foreach (var (known, text) in _insertTexts)
        {
            if (known.Length == columns.Count + 1 && ReferenceEquals(known[0], table.Name) && SameNames(known, columns))
            {
                return text;
            }
        }

        var names = string.Join(", ", columns.Select(c => SqliteLayout.Quote(c.Column)));
        var values = string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        var created = $"INSERT INTO {SqliteLayout.Quote(table.Name)} ({names}) VALUES ({values})";
        _insertTexts.Add((columns.Select(c => c.Column).Prepend(table.Name).ToArray(), created));
        return created;
    }

    /// <summary>The rows a query returns, column name to stored value.</summary>
    public static List<Dictionary<string, object?>> ReadRows(SqliteCommand command)
    {
        var rows = new List<Dictionary<string, object?>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var write in _writes.Values)
        {
            write.Dispose();
        }
    }

    private static bool SameNames(string[] known, List<(string Column, object Value)> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (!ReferenceEquals(known[i + 1], columns[i].Column))
            {
                return false;
            }
        }

        return true;
    }
}
