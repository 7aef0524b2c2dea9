using System;
using Npgsql;

namespace DualWrite.Runtime.Postgres.Tests;

public sealed class PostgresUrlTests
{
    [Fact]
    public void A_url_becomes_an_npgsql_connection_string_with_its_query_as_keywords()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgres://dw%40corp:p%3Ass@db.example.com:6543/dual%20write?sslmode=require&Timeout=5"));

        Assert.Equal(("db.example.com", 6543, "dual write", "dw@corp", "p:ss"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal((SslMode.Require, 5), (builder.SslMode, builder.Timeout));
    }

    [Fact]
    public void The_port_user_and_password_are_optional()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgresql://localhost/state"));

        Assert.Equal(("localhost", 5432, "state", (string?)null, (string?)null), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("postgres://dw:secret@db:5432/state", "postgres://dw:***@db:5432/state")]
    [InlineData("postgres://dw@db/state", "postgres://dw@db/state")]
    [InlineData("data/state.db", "data/state.db")]
    public void Redacting_hides_the_password_only(string location, string shown) => Assert.Equal(shown, PostgresUrl.Redact(location));

    [Theory]
    [InlineData("postgres://dw:secret@db:5432/", "names no database")]
    [InlineData("postgres://dw:secret@db:5432/state?nosuchkeyword=1", "nosuchkeyword")]
    [InlineData("postgres://dw:secret@:5432/state", "is not a PostgreSQL URL")]
    public void A_bad_url_is_named_without_its_password(string url, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresUrl.ToConnectionString(url));

        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
