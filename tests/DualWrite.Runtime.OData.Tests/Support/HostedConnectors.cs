using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>The connectors' options a Generic Host in these tests opens over the local services, the host, and a wait for its live loop.</summary>
internal static class HostedConnectors
{
    /// <summary>A host whose AddDualWrite opens both connectors over the local services, their journals in its state store in <paramref name="folder"/>, linking USMF.</summary>
    public static IHost Build(LocalODataServices services, string folder, string token) =>
        Host.CreateDefaultBuilder().ConfigureServices(collection => collection.AddDualWrite(options =>
        {
            options.UseFo((provider, state) => FoEnvironment.Open(InStore(FoOptions(services.Fo.ServiceRoot, folder, token, provider.GetRequiredService<ILoggerFactory>()), state)));
            options.UseDataverse((provider, state) => DataverseEnvironment.Open(InStore(DataverseOptions(services.Dataverse.ServiceRoot, folder, token, provider.GetRequiredService<ILoggerFactory>()), state)));
            options.StatePath = System.IO.Path.Combine(folder, "state.db");
            options.Companies.Add("USMF");
            options.PollInterval = TimeSpan.FromMilliseconds(50);
            options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
        })).Build();

    /// <summary>The options with the connector's journal in <paramref name="state"/> instead of its own file.</summary>
    public static T InStore<T>(T options, IStateStore state)
        where T : ODataConnectorOptions
    {
        options.JournalPath = null;
        options.JournalStore = state;
        return options;
    }

    public static FoConnectorOptions FoOptions(Uri serviceRoot, string folder, string token, ILoggerFactory? loggers = null)
    {
        var options = new FoConnectorOptions
        {
            ServiceRoot = serviceRoot,
            SchemaPath = TestSchemas.Fo,
            JournalPath = System.IO.Path.Combine(folder, "fo-journal.db"),
            Tokens = new StaticTokenProvider(token),
            LoggerFactory = loggers,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),

            // The local services stamp with one clock, so there is no skew to cover.
            PollOverlap = TimeSpan.FromSeconds(2),
        };
        foreach (var map in DualWriteMaps.All)
        {
            options.ModifiedFields[map.Fo.EntitySet!] = TestSchemas.ModifiedField;
        }

        return options;
    }

    public static DataverseConnectorOptions DataverseOptions(Uri serviceRoot, string folder, string token, ILoggerFactory? loggers = null) => new()
    {
        ServiceRoot = serviceRoot,
        SchemaPath = TestSchemas.Dataverse,
        JournalPath = System.IO.Path.Combine(folder, "dataverse-journal.db"),
        Tokens = new StaticTokenProvider(token),
        LoggerFactory = loggers,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        TrackedEntitySets = DualWriteMaps.All.Select(m => m.Dataverse.EntitySet!).Distinct().ToList(),
    };

    // Waits for the host's live loop without asserting on time: the bound only keeps a broken loop from hanging the run.
    public static async Task<bool> Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
