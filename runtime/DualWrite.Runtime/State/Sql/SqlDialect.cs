using System;
using System.Collections.Generic;
using System.Data.Common;

namespace DualWrite.Runtime.State.Sql;

/// <summary>
/// What differs between the databases a <see cref="DbStateStore"/> runs on. Every statement the store runs is written
/// once, in the SQL both databases share (named parameters, <c>INSERT … ON CONFLICT</c>, <c>TRUE</c>); a dialect answers
/// only for what that common SQL cannot say: how a moment is stored, how a row's insertion order is named, how a list of
/// ids or texts is passed, how a write transaction starts, how a statement run many times is prepared, how many rows go in at once, and the schema's history.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The column that orders a table's rows by insertion where the table has no id of its own.</summary>
    public abstract string InsertionOrder { get; }

    /// <summary>The statements that make the table of applied schema versions (<c>migrations</c>) when it is missing.</summary>
    public abstract IReadOnlyList<string> VersionTable { get; }

    /// <summary>A moment as the database stores it.</summary>
    public abstract object Moment(DateTimeOffset moment);

    /// <summary>A moment the database stored, read back.</summary>
    public abstract DateTimeOffset ReadMoment(DbDataReader reader, int ordinal);

    /// <summary>A condition that holds when <paramref name="column"/> is one of the ids passed as <paramref name="parameter"/> (<see cref="IdList"/>).</summary>
    public abstract string IsAnyOf(string column, string parameter);

    /// <summary>A list of ids as the parameter of <see cref="IsAnyOf"/>.</summary>
    public abstract object IdList(IReadOnlyList<long> ids);

    /// <summary>A list of texts as the parameter of <see cref="IsAnyOf"/>.</summary>
    public abstract object TextList(IReadOnlyList<string> texts);

    /// <summary>Starts a transaction that holds the database's write lock from its first statement, not from its first write.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>How many rows one <c>INSERT … VALUES</c> carries where rows are written a few at a time, as they come (the OData connectors' journal).</summary>
    public abstract int RowsPerInsert { get; }

    /// <summary>
    /// A write statement of the transaction, prepared to run many times with new values bound by position in the order
    /// of <paramref name="parameterNames"/> (named in the SQL with an <c>@</c>): an ADO.NET command unless the dialect
    /// has a cheaper way.
    /// </summary>
    public virtual PreparedWrite PrepareWrite(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> parameterNames) =>
        new CommandWrite(connection, transaction, sql, parameterNames);

    /// <summary>Inserts many rows of the same columns in one go (a staging chunk holds thousands).</summary>
    public abstract void InsertRows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows);

    /// <summary>Holds the database's migration lock until disposed, so that hosts opening a store together migrate it once.</summary>
    public abstract IDisposable LockMigrations(DbConnection connection);

    /// <summary>The statements of <paramref name="migration"/> in this dialect.</summary>
    public abstract IReadOnlyList<string> StatementsOf(StateMigration migration);

    /// <summary>
    /// The versions a store made before the store recorded versions already has, told from its tables; empty for a new
    /// store and for a dialect whose stores always recorded them.
    /// </summary>
    public abstract IReadOnlyCollection<int> RecogniseUnversioned(DbConnection connection, DbTransaction transaction);
}
