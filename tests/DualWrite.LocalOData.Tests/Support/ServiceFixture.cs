using System;
using System.IO;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>One Dataverse-like and one F&amp;O-like service shared by a test class; tests use their own keys, so they do not interfere.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string Token = "test-token-7f3a";

    public LocalODataService Dataverse { get; private set; } = null!;

    public LocalODataService Fo { get; private set; } = null!;

    public static string Schema(string name) => Path.Combine(AppContext.BaseDirectory, "schemas", name);

    public async Task InitializeAsync()
    {
        Dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = Schema("dataverse.metadata.xml"), AccessToken = Token });
        Fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = Schema("fo.metadata.xml"), AccessToken = Token, DefaultCompany = "usmf", Time = new SteppingClock() });
    }

    public async Task DisposeAsync()
    {
        await Dataverse.DisposeAsync();
        await Fo.DisposeAsync();
    }

    public ODataTestClient DataverseClient() => new(Dataverse.ServiceRoot, Token);

    public ODataTestClient FoClient() => new(Fo.ServiceRoot, Token);
}
