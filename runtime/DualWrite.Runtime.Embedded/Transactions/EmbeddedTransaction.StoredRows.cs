using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// Rows in their stored form (text, integers, reals, bytes), for the local OData services, which keep their rows in an
/// embedded environment: written with the same statements, change images and change log as the entity operations, and
/// looked up with the same resolution (<see cref="IdOf"/>). A row is addressed by its rowid, read with it.
/// </summary>
internal sealed partial class EmbeddedTransaction
{
    /// <summary>
    /// The sequence the next change this transaction logs gets. The transaction holds the write lock, so no other writer
    /// takes it first; the change log's AUTOINCREMENT continues from the largest sequence it ever gave.
    /// </summary>
    public long NextSequence()
    {
        using var command = _statements.Command($"SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{SqliteLayout.ChangesTable}'), 0) + 1");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A command that reads inside the transaction, seeing its writes.</summary>
    public SqliteCommand Command(string text) => _statements.Command(text);

    /// <summary>Inserts a row of the given columns (the rest take their defaults) and logs it.</summary>
    public void InsertStored(TableSchema table, IReadOnlyDictionary<string, object?> values) => InsertColumns(table, Columns(table, values));

    /// <summary>Writes <paramref name="changes"/> into the row read as <paramref name="before"/>, and logs it unless nothing changed.</summary>
    public void UpdateStored(TableSchema table, long rowId, IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> changes) =>
        UpdateRow(table, rowId, before, Columns(table, changes));

    /// <summary>Deletes the row read as <paramref name="before"/> and logs it.</summary>
    public void DeleteStored(TableSchema table, long rowId, IReadOnlyDictionary<string, object?> before) => DeleteRow(table, rowId, before);

    // The schema's own name strings: the statement cache knows an INSERT's columns by them.
    private static List<(string Column, object Value)> Columns(TableSchema table, IReadOnlyDictionary<string, object?> values)
    {
        var columns = new List<(string Column, object Value)>(values.Count);
        foreach (var (name, value) in values)
        {
            columns.Add((table.GetColumn(name).Name, value ?? DBNull.Value));
        }

        return columns;
    }
}
