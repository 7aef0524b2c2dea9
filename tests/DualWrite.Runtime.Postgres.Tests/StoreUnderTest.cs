using System;
using System.IO;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>A fresh state store of a kind: a SQLite file in a temp folder or a PostgreSQL database of the shared cluster; both go on dispose.</summary>
internal sealed class StoreUnderTest : IDisposable
{
    private readonly string? _folder;
    private readonly PostgresDatabase? _database;

    public StoreUnderTest(StoreKind kind, PostgresCluster cluster)
    {
        if (kind == StoreKind.Sqlite)
        {
            _folder = Path.Combine(Path.GetTempPath(), "dualwrite-store-tests", Guid.NewGuid().ToString("N"));
            Location = Path.Combine(_folder, "state.db");
        }
        else
        {
            _database = cluster.CreateDatabase();
            Location = _database.Url;
        }

        Store = StateStoreFactory.Open(Location);
    }

    /// <summary>What <c>--state</c> would say: the file path or the URL.</summary>
    public string Location { get; }

    public IStateStore Store { get; private set; }

    /// <summary>Closes the store and opens it again from its location, as a restarted host would.</summary>
    public IStateStore Reopen()
    {
        Store.Dispose();
        Store = StateStoreFactory.Open(Location);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
        _database?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
