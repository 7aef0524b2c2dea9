using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// The rows and changes a <see cref="JournalBatch"/> wrote and has not sent yet, sent as statements of as many rows as
/// the database takes best (<see cref="State.Sql.SqlDialect.RowsPerInsert"/>: a PostgreSQL statement is a round trip,
/// which many rows share). A row written twice before it is sent is sent once, as the two statements would have left
/// it: PostgreSQL refuses a statement that changes one row twice, and the journal's rows are not read between the two
/// anyway (the batch sends what is pending before every read).
/// </summary>
internal sealed class PendingWrites
{
    /// <summary>The most rows a statement carries, whatever the database takes.</summary>
    internal const int MostRowsPerStatement = 16;

    private static readonly string[] RowColumns = ["entity_set", "folded_key", "row_key", "version", "fingerprint", "image", "deleted"];
    private static readonly string[] ChangeColumns = ["sequence", "entity_set", "operation", "row_key", "image", "origin", "changed_at"];

    // Each statement's text by its number of rows, and the parameters' names, made once: every batch sends them again.
    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, MostRowsPerStatement * RowColumns.Length).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] RowsSqlByCount = [.. Enumerable.Range(0, MostRowsPerStatement + 1).Select(RowsStatement)];
    private static readonly string[] ChangesSqlByCount = [.. Enumerable.Range(0, MostRowsPerStatement + 1).Select(count => Insert("journal_changes", ChangeColumns, count))];

    // A row's values in RowColumns' order.
    private const int Version = 3;
    private const int Fingerprint = 4;
    private const int Image = 5;
    private const int Deleted = 6;

    private readonly int _rowsPerStatement;
    private readonly List<object?[]> _rows = [];
    private readonly Dictionary<(string EntitySet, string Folded), object?[]> _rowOf = new();
    private readonly List<object?[]> _changes = [];

    public PendingWrites(int rowsPerStatement)
    {
        _rowsPerStatement = Math.Clamp(rowsPerStatement, 1, MostRowsPerStatement);
    }

    /// <summary>The rows and changes waiting.</summary>
    public int Count => _rows.Count + _changes.Count;

    /// <summary>
    /// A row's latest version, written over what is pending for it as an upsert run after the pending one would leave
    /// the row: the first spelling of its key stays, and so does the pending fingerprint where the new one is null.
    /// </summary>
    public void Remember(string entitySet, string folded, string rowKey, string? version, string? fingerprint, string image, bool deleted)
    {
        if (_rowOf.TryGetValue((entitySet, folded), out var pending))
        {
            pending[Version] = version;
            pending[Fingerprint] = fingerprint ?? pending[Fingerprint];
            pending[Image] = image;
            pending[Deleted] = deleted ? 1 : 0;
            return;
        }

        object?[] row = [entitySet, folded, rowKey, version, fingerprint, image, deleted ? 1 : 0];
        _rowOf.Add((entitySet, folded), row);
        _rows.Add(row);
    }

    public void Append(long sequence, string entitySet, string operation, string rowKey, string image, string? origin, object changedAt) =>
        _changes.Add([sequence, entitySet, operation, rowKey, image, origin, changedAt]);

    /// <summary>The most rows one statement carries here.</summary>
    public int RowsPerStatement => _rowsPerStatement;

    /// <summary>The journal rows, then the changes, pending (each row's values in the order of its statement's columns); forgets them.</summary>
    public (List<object?[]> Rows, List<object?[]> Changes) Drain()
    {
        var drained = (new List<object?[]>(_rows), new List<object?[]>(_changes));
        _rows.Clear();
        _rowOf.Clear();
        _changes.Clear();
        return drained;
    }

    /// <summary>The statement that upserts <paramref name="count"/> journal rows.</summary>
    public static string RowsSql(int count) => RowsSqlByCount[count];

    /// <summary>The statement that inserts <paramref name="count"/> changes.</summary>
    public static string ChangesSql(int count) => ChangesSqlByCount[count];

    /// <summary>The name of a statement's parameter that carries value number <paramref name="value"/> of its rows, counted across them.</summary>
    internal static string ParameterName(int value) => ParameterNames[value];

    private static string RowsStatement(int count) =>
        Insert("journal_rows", RowColumns, count)
        + " ON CONFLICT (side, entity_set, folded_key) DO UPDATE SET version = excluded.version, fingerprint = COALESCE(excluded.fingerprint, journal_rows.fingerprint), "
        + "image = excluded.image, deleted = excluded.deleted";

    // INSERT … VALUES (@side, @v0, …, @v6), (@side, @v7, …): the side is one parameter that every row shares.
    private static string Insert(string table, string[] columns, int count)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (side, ").AppendJoin(", ", columns).Append(") VALUES ");
        for (var row = 0; row < count; row++)
        {
            sql.Append(row == 0 ? "(@side" : ", (@side");
            for (var column = 0; column < columns.Length; column++)
            {
                sql.Append(", @").Append(ParameterName((row * columns.Length) + column));
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
