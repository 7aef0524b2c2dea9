using System;
using System.IO;
using System.Threading.Tasks;

namespace DualWrite.LocalOData.Hosting;

/// <summary>An F&amp;O-like and a Dataverse-like service started together, as the sample host's <c>--endpoints local-odata</c> and end-to-end tests use them.</summary>
public sealed class LocalODataServices : IAsyncDisposable
{
    private LocalODataServices(LocalODataService fo, LocalODataService dataverse)
    {
        Fo = fo;
        Dataverse = dataverse;
    }

    /// <summary>The F&amp;O-like service.</summary>
    public LocalODataService Fo { get; }

    /// <summary>The Dataverse-like service.</summary>
    public LocalODataService Dataverse { get; }

    /// <summary>Starts both services on free loopback ports from the two schemas, each requiring <paramref name="accessToken"/>.</summary>
    public static async Task<LocalODataServices> StartAsync(string foSchemaPath, string dataverseSchemaPath, string accessToken, string? databaseFolder = null)
    {
        var fo = await LocalODataService.StartFoAsync(new LocalODataOptions
        {
            SchemaPath = foSchemaPath,
            AccessToken = accessToken,
            DatabasePath = databaseFolder is null ? null : Path.Combine(databaseFolder, "fo-odata.db"),
        }).ConfigureAwait(false);
        try
        {
            var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions
            {
                SchemaPath = dataverseSchemaPath,
                AccessToken = accessToken,
                DatabasePath = databaseFolder is null ? null : Path.Combine(databaseFolder, "dataverse-odata.db"),
            }).ConfigureAwait(false);
            return new LocalODataServices(fo, dataverse);
        }
        catch
        {
            await fo.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Dataverse.DisposeAsync().ConfigureAwait(false);
        await Fo.DisposeAsync().ConfigureAwait(false);
    }
}
