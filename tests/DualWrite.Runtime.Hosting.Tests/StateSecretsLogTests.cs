using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting.Tests.Support;
using DualWrite.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.Hosting.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}

/// <summary>A host sharing its work through PostgreSQL logs where its state store is, never the store's password.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StateSecretsLogTests : IDisposable
{
    private const string Leak = "LEAK";

    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-hosting-tests", Guid.NewGuid().ToString("N"));
    private readonly PostgresCluster _cluster;

    public StateSecretsLogTests(PostgresCluster cluster) => _cluster = cluster;

    /// <summary>A URL whose password holds an unencoded @, a URL with the password as a query parameter, an Npgsql connection string.</summary>
    public static TheoryData<string> Forms => new() { "url-with-at", "url-with-query-password", "keywords" };

    [PostgresTheory]
    [MemberData(nameof(Forms))]
    public async Task The_sync_services_log_names_the_state_store_without_its_password(string form)
    {
        using var database = _cluster.CreateDatabase();
        var log = new CapturedLog();
        using (var host = Host(Location(form, new Uri(database.Url).Port, database.Name), log))
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        var sharing = Assert.Single(log.Lines, line => line.Contains("shares the work through the state store", StringComparison.Ordinal));
        Assert.Contains("***", sharing, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, line => line.Contains(Leak, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_host_that_cannot_reach_its_state_store_fails_without_showing_the_password(string form)
    {
        var log = new CapturedLog();
        using var host = Host(Location(form, 1, "state"), log);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.DoesNotContain(Leak, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, line => line.Contains(Leak, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The cluster trusts local connections, so the password is carried but never checked.</summary>
    private static string Location(string form, int port, string database) => form switch
    {
        "url-with-at" => $"postgres://postgres:Xp@ss{Leak}1@127.0.0.1:{port}/{database}",
        "url-with-query-password" => $"postgres://postgres@127.0.0.1:{port}/{database}?Password={Leak}2",
        "keywords" => $"Host=127.0.0.1;Port={port};Database={database};Username=postgres;Password={Leak}3",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    private IHost Host(string state, CapturedLog log) => Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder()
        .ConfigureLogging(logging => logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Trace))
        .ConfigureServices(services => services.AddDualWrite(options =>
        {
            options.FoDatabasePath = Path.Combine(_folder, "fo.db");
            options.FoSchemaPath = Path.Combine(SchemaFolder, "fo.metadata.xml");
            options.DataverseDatabasePath = Path.Combine(_folder, "dataverse.db");
            options.DataverseSchemaPath = Path.Combine(SchemaFolder, "dataverse.metadata.xml");
            options.StatePath = state;
            options.WorkSharing = new WorkSharingOptions { HostId = "host-a" };
            options.Companies.Add("USMF");
            options.PollInterval = TimeSpan.FromMilliseconds(20);
            options.AddMaps(DualWriteMapSet.FromAssembly(typeof(DualWriteMaps).Assembly));
        }))
        .Build();
}
