using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using DualWrite.Runtime.State.Sql;
using Npgsql;
using NpgsqlTypes;

namespace DualWrite.Runtime.Postgres;

/// <summary>
/// PostgreSQL: moments as <c>timestamptz</c>, insertion order by a <c>position</c> column, id lists as arrays, rows in
/// bulk by binary COPY, and migrations under an advisory lock. Tables live in the <c>dualwrite</c> schema, which the
/// store's connections put first on their search path, so the store's statements name them as SQLite does.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    // Any constant does, as long as nothing else in the database locks it: "DWMIGR" in ASCII.
    private const long MigrationLockKey = 0x44_57_4D_49_47_52;

    private PostgresDialect()
    {
    }

    /// <inheritdoc/>
    public override string InsertionOrder => "position";

    /// <inheritdoc/>
    public override IReadOnlyList<string> VersionTable { get; } =
    [
        "CREATE SCHEMA IF NOT EXISTS dualwrite",
        "CREATE TABLE IF NOT EXISTS dualwrite.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    ];

    /// <summary>A data source whose connections find the store's tables unqualified.</summary>
    public static NpgsqlDataSource DataSource(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "dualwrite" });

    /// <inheritdoc/>
    public override object Moment(DateTimeOffset moment) => moment.ToUniversalTime();

    /// <inheritdoc/>
    public override DateTimeOffset ReadMoment(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc/>
    public override string IsAnyOf(string column, string parameter) => $"{column} = ANY(@{parameter})";

    /// <inheritdoc/>
    public override object IdList(IReadOnlyList<long> ids) => ids.ToArray();

    /// <inheritdoc/>
    public override object TextList(IReadOnlyList<string> texts) => texts.ToArray();

    /// <inheritdoc/>
    /// <remarks>Sixteen: each statement is a round trip to the server, which a statement of many rows pays once.</remarks>
    public override int RowsPerInsert => 16;

    /// <inheritdoc/>
    /// <remarks>Writers serialize on the rows they touch; a transaction needs no lock up front.</remarks>
    public override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    /// <inheritdoc/>
    /// <remarks>One binary COPY instead of a round trip per row.</remarks>
    public override void InsertRows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        using var writer = ((NpgsqlConnection)connection).BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            writer.StartRow();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        writer.WriteNull();
                        break;
                    case string text:
                        writer.Write(text, NpgsqlDbType.Text);
                        break;
                    case int number:
                        writer.Write(number, NpgsqlDbType.Integer);
                        break;
                    case long number:
                        writer.Write(number, NpgsqlDbType.Bigint);
                        break;
                    case DateTimeOffset moment:
                        writer.Write(moment, NpgsqlDbType.TimestampTz);
                        break;
                    default:
                        throw new NotSupportedException($"A bulk insert into {table} got a {value.GetType().Name}; only text, integers and moments are copied.");
                }
            }
        }

        writer.Complete();
    }

    /// <inheritdoc/>
    public override IDisposable LockMigrations(DbConnection connection) => new AdvisoryLock(connection, MigrationLockKey);

    /// <inheritdoc/>
    public override IReadOnlyList<string> StatementsOf(StateMigration migration) => migration.Postgres;

    /// <inheritdoc/>
    /// <remarks>A PostgreSQL store has recorded its versions from its first day.</remarks>
    public override IReadOnlyCollection<int> RecogniseUnversioned(DbConnection connection, DbTransaction transaction) => Array.Empty<int>();

    /// <summary>A session-level advisory lock, taken now and let go on dispose.</summary>
    private sealed class AdvisoryLock : IDisposable
    {
        private readonly DbConnection _connection;
        private readonly long _key;

        public AdvisoryLock(DbConnection connection, long key)
        {
            _connection = connection;
            _key = key;
            DbCommands.Execute(connection, null, "SELECT pg_advisory_lock(@key)", ("key", key));
        }

        public void Dispose() => DbCommands.Execute(_connection, null, "SELECT pg_advisory_unlock(@key)", ("key", _key));
    }
}
