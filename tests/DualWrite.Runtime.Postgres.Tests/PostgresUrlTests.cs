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
    [InlineData("postgres://dwuser:Xp@ssLEAK1@127.0.0.1:5999/db", "postgres://dwuser:***@127.0.0.1:5999/db")]
    [InlineData("postgres://dw:pa/ss@db/state", "postgres://dw:***@db/state")]
    [InlineData("postgres://dw@db/state?sslmode=require&Password=LEAK&ssl%20password=LEAK", "postgres://dw@db/state?sslmode=require&Password=***&ssl%20password=***")]
    [InlineData("postgres://dw:p/x?y@db/state", "postgres://***")]
    [InlineData("Host=db;Database=state;Username=dw;Password=LEAK", "host=db;database=state;username=dw;password=***")]
    [InlineData("Host=db;PWD='LE;AK'", "host=db;pwd=***")]
    [InlineData("Host=db;Password='LEAK", "***")]
    [InlineData("/var/lib/dual=write/state.db", "/var/lib/dual=write/state.db")]
    public void Redacting_hides_the_password_only(string location, string shown) => Assert.Equal(shown, StateLocation.Redact(location));

    [Theory]
    [InlineData("postgres://dw:Xp@ss@db:5432/state", "Xp@ss")]
    [InlineData("postgres://dw@db/state?Password=p%40ss", "p@ss")]
    public void A_password_with_an_at_sign_is_read_whole(string url, string password) =>
        Assert.Equal(password, new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(url)).Password);

    [Theory]
    [InlineData("Host=db;Database=state;Password=x", true)]
    [InlineData("postgres://db/state", true)]
    [InlineData("data/state.db", false)]
    [InlineData("/var/lib/dual=write/state.db", false)]
    public void A_connection_string_with_a_host_names_postgres(string location, bool postgres) => Assert.Equal(postgres, StateLocation.IsPostgres(location));

    [Fact]
    public void A_drivers_message_loses_the_locations_secrets() =>
        Assert.Equal("bad *** here", StateLocation.HideSecrets("bad p@ss here", "postgres://dw@db/state?Password=p%40ss"));

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
