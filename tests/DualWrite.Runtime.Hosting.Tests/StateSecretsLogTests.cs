using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Testing;
using DualWrite.Testing;
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
    private const string Leak = SecretStateLocations.Leak;

    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-hosting-tests", Guid.NewGuid().ToString("N"));
    private readonly PostgresCluster _cluster;

    public StateSecretsLogTests(PostgresCluster cluster) => _cluster = cluster;

    public static TheoryData<string> Forms => SecretStateLocations.Forms;

    [PostgresTheory]
    [MemberData(nameof(Forms))]
    public async Task The_sync_services_log_names_the_state_store_without_its_password(string form)
    {
        using var database = _cluster.CreateDatabase();
        var log = new CapturedLog();
        using (var host = Host(SecretStateLocations.Location(form, new Uri(database.Url).Port, database.Name), log))
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
        using var host = Host(SecretStateLocations.Location(form, 1, "state"), log);

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
