using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.State.Sql;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests.State;

/// <summary>
/// The store's prepared writes, both kinds, on SQLite: <see cref="NativeWrite"/> (SQLite's own API, what the SQLite
/// dialect makes) and <see cref="CommandWrite"/> (an ADO.NET command, what every other dialect makes).
/// </summary>
public sealed class PreparedWriteTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public PreparedWriteTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER, name TEXT, copy TEXT, amount REAL, data BLOB)";
        create.ExecuteNonQuery();
    }

    public static TheoryData<string> Kinds => new() { nameof(NativeWrite), nameof(CommandWrite) };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Values_are_bound_by_their_position_among_the_names_and_a_name_written_twice_is_one_parameter(string kind)
    {
        using var transaction = _connection.BeginTransaction();
        // The names are given in another order than the SQL writes them, and @name is written twice.
        await using (var write = Prepare(kind, transaction, "INSERT INTO t VALUES (@id, @name, @name, @amount, @data)", new[] { "data", "name", "amount", "id" }))
        {
            write.Bind(0, new byte[] { 1, 2 });
            write.Bind(1, "Grüße");
            write.Bind(2, 2.5);
            write.Bind(3, 1L);
            await write.ExecuteAsync(CancellationToken.None);

            // A value bound again replaces the last one; a value not bound again is kept; null is NULL.
            write.Bind(1, "Grüße");
            write.Bind(3, 2L);
            await write.ExecuteAsync(CancellationToken.None);
            write.Bind(1, "other");
            write.Bind(2, null);
            write.Bind(3, 3L);
            await write.ExecuteAsync(CancellationToken.None);
        }

        transaction.Commit();
        Assert.Equal(
            new[]
            {
                "1|Grüße|Grüße|2.5|0102",
                "2|Grüße|Grüße|2.5|0102",
                "3|other|other|NULL|0102",
            },
            Rows());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_cancelled_write_runs_nothing(string kind)
    {
        using var transaction = _connection.BeginTransaction();
        await using var write = Prepare(kind, transaction, "INSERT INTO t (id) VALUES (@id)", new[] { "id" });
        write.Bind(0, 1L);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.ExecuteAsync(cancelled.Token));

        Assert.Empty(Rows(transaction));
    }

    [Fact]
    public void A_name_the_statement_does_not_have_is_refused_when_prepared()
    {
        using var transaction = _connection.BeginTransaction();

        var error = Assert.Throws<ArgumentException>(() => SqliteDialect.Instance.PrepareWrite(_connection, transaction, "INSERT INTO t (id) VALUES (@id)", new[] { "key" }));

        Assert.StartsWith("The statement has no parameter @key.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_write_raises_the_providers_exception_and_the_statement_runs_again_afterwards()
    {
        using (var unique = _connection.CreateCommand())
        {
            unique.CommandText = "CREATE UNIQUE INDEX t_id ON t (id)";
            unique.ExecuteNonQuery();
        }

        using var transaction = _connection.BeginTransaction();
        await using var write = SqliteDialect.Instance.PrepareWrite(_connection, transaction, "INSERT INTO t (id) VALUES (@id)", new[] { "id" });
        write.Bind(0, 1L);
        await write.ExecuteAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteAsync(CancellationToken.None));
        write.Bind(0, 2L);
        await write.ExecuteAsync(CancellationToken.None);

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(new[] { "1|NULL|NULL|NULL|NULL", "2|NULL|NULL|NULL|NULL" }, Rows(transaction));
    }

    public void Dispose() => _connection.Dispose();

    private PreparedWrite Prepare(string kind, SqliteTransaction transaction, string sql, IReadOnlyList<string> names) => kind == nameof(NativeWrite)
        ? SqliteDialect.Instance.PrepareWrite(_connection, transaction, sql, names)
        : new CommandWrite(_connection, transaction, sql, names);

    private List<string> Rows(SqliteTransaction? transaction = null)
    {
        using var query = _connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = "SELECT id, name, copy, amount, hex(data) FROM t ORDER BY id";
        using var reader = query.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) || (i == 4 && reader.GetString(i).Length == 0) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join('|', values));
        }

        return rows;
    }
}
