using System;
using Npgsql;

namespace DualWrite.Testing.Postgres;

/// <summary>A database of a <see cref="PostgresCluster"/>, made for one test class and dropped on dispose.</summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly PostgresCluster _cluster;

    internal PostgresDatabase(PostgresCluster cluster, string name)
    {
        _cluster = cluster;
        Name = name;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string for it.</summary>
    public string ConnectionString => _cluster.ConnectionString(Name);

    /// <summary>A <c>postgres://</c> URL for it, as <c>--state</c> takes it.</summary>
    public string Url => _cluster.Url(Name);

    /// <inheritdoc/>
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_cluster.ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
