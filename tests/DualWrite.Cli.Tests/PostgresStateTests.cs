using System;
using System.IO;
using System.Linq;
using DualWrite.Runtime;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Testing.Postgres;
using Microsoft.Data.Sqlite;

namespace DualWrite.Cli.Tests;

/// <summary>One throwaway PostgreSQL cluster for the tool's tests that keep their state there.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}

/// <summary>The runtime commands with <c>--state postgres://…</c>: the same link and status as with SQLite, and the password never shown.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly PostgresCluster _cluster;

    public PostgresStateTests(PostgresCluster cluster) => _cluster = cluster;

    private string FoPath => Path.Combine(_folder.Path, "fo.db");

    private string DataversePath => Path.Combine(_folder.Path, "dataverse.db");

    private static string FoSchema => Path.Combine(RepoPaths.Sample, "schemas", "fo.metadata.xml");

    private static string DataverseSchema => Path.Combine(RepoPaths.Sample, "schemas", "dataverse.metadata.xml");

    [PostgresFact]
    public void Link_and_status_work_on_a_postgres_state_store_and_never_print_its_password()
    {
        using var database = _cluster.CreateDatabase();
        var url = database.Url.Replace("postgres://postgres@", "postgres://postgres:secret@", StringComparison.Ordinal);
        EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema).Dispose();
        EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema).Dispose();

        var link = Run(url, "link", "--companies", "usmf");
        var status = Run(url, "status");

        Assert.Equal((0, 0), (link.ExitCode, status.ExitCode));
        Assert.Contains("companies USMF, linked ", status.Output);
        Assert.DoesNotContain("secret", link.Output + link.Error + status.Output + status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_postgres_state_store_is_a_usage_error_named_without_its_password()
    {
        EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema).Dispose();
        EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema).Dispose();

        var status = Run("postgres://dw:secret@127.0.0.1:1/state?Timeout=2", "status");

        Assert.Equal(2, status.ExitCode);
        Assert.StartsWith("dualwrite status: cannot open the state store postgres://dw:***@127.0.0.1:1/state?Timeout=2: ", status.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", status.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        // What the tool and the hosts opened, they disposed, clearing their own pools; ClearAllPools would also pull idle
        // connections from under tests running in parallel.
        _folder.Dispose();
    }

    private CliResult Run(string state, string command, params string[] rest) =>
        Cli.Run(new[] { command, "--state", state, "--fo", FoPath, "--dataverse", DataversePath, "--fo-schema", FoSchema, "--dataverse-schema", DataverseSchema }.Concat(rest).ToArray());
}
