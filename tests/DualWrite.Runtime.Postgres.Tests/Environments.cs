using System;
using System.IO;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>The Contoso schemas' two embedded environments in a temp folder, which hosts open by path as separate processes would.</summary>
internal sealed class Environments : IDisposable
{
    public static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    public Environments()
    {
        Folder = Path.Combine(Path.GetTempPath(), "dualwrite-postgres-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Fo = OpenFo();
        Dataverse = OpenDataverse();
    }

    public string Folder { get; }

    /// <summary>The test's own handle on F&amp;O, for writing as a user would and for checking.</summary>
    public EmbeddedEnvironment Fo { get; }

    /// <summary>The test's own handle on Dataverse.</summary>
    public EmbeddedEnvironment Dataverse { get; }

    public EmbeddedEnvironment OpenFo() => EmbeddedEnvironment.Open(Side.Fo, Path.Combine(Folder, "fo.db"), Path.Combine(SchemaFolder, "fo.metadata.xml"));

    public EmbeddedEnvironment OpenDataverse() => EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(Folder, "dataverse.db"), Path.Combine(SchemaFolder, "dataverse.metadata.xml"));

    public int Execute(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        // A user's edit waits for the embedded environment's one writer. A host the multi-host test stops (SIGSTOP) in
        // the middle of a pass keeps that lock through up to five stalls of 10 s each, longer than SQLite's default
        // 30 s busy timeout, after which the edit would fail with "database is locked" though nothing is wrong.
        command.CommandTimeout = 120;
        return command.ExecuteNonQuery();
    }

    public long Scalar(EmbeddedEnvironment environment, string sql)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Fo.Dispose();
        Dataverse.Dispose();
        // The environments cleared their own connection pools when disposed. ClearAllPools would also
        // dispose the idle connections of tests running in parallel, under their feet (ObjectDisposedException).
        Directory.Delete(Folder, recursive: true);
    }
}
