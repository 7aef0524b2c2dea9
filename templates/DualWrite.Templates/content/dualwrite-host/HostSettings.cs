using System;
using System.IO;
using System.Linq;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contoso.Integration;

/// <summary>The section "DualWrite" of appsettings.json: which environments the maps run between, and where the state is kept.</summary>
internal sealed class HostSettings
{
    /// <summary>"Embedded" (two SQLite databases, for development) or "OData" (the endpoints of <see cref="Fo"/> and <see cref="Dataverse"/>).</summary>
    public string Environments { get; set; } = "Embedded";

    public string[] Companies { get; set; } = [];

    public string StatePath { get; set; } = "data/state.db";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public EmbeddedSettings Embedded { get; set; } = new();

    public EndpointSettings Fo { get; set; } = new();

    public EndpointSettings Dataverse { get; set; } = new();

    public void Configure(DualWriteOptions options, string contentRoot)
    {
        var schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        var foSchema = Path.Combine(schemas, "fo.metadata.xml");
        var dataverseSchema = Path.Combine(schemas, "dataverse.metadata.xml");
        options.StatePath = StatePath.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ? StatePath : InFolder(contentRoot, StatePath);
        options.PollInterval = PollInterval;
        foreach (var company in Companies)
        {
            options.Companies.Add(company);
        }

        options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
        if (string.Equals(Environments, "Embedded", StringComparison.OrdinalIgnoreCase))
        {
            options.FoDatabasePath = InFolder(contentRoot, Embedded.FoDatabasePath);
            options.FoSchemaPath = foSchema;
            options.DataverseDatabasePath = InFolder(contentRoot, Embedded.DataverseDatabasePath);
            options.DataverseSchemaPath = dataverseSchema;
        }
        else if (string.Equals(Environments, "OData", StringComparison.OrdinalIgnoreCase))
        {
            // The connectors keep their journals in the state store, which hosts on several machines can share.
            options.UseFo((provider, state) => FoEnvironment.Open(FoOptions(foSchema, state, provider.GetRequiredService<ILoggerFactory>())));
            options.UseDataverse((provider, state) => DataverseEnvironment.Open(new DataverseConnectorOptions
            {
                ServiceRoot = Dataverse.Endpoint("Dataverse"),
                SchemaPath = dataverseSchema,
                JournalStore = state,
                Tokens = Dataverse.Tokens("Dataverse"),
                LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
                TrackedEntitySets = DualWriteMaps.All.Select(m => m.Dataverse.EntitySet!).Distinct().ToList(),
            }));
        }
        else
        {
            throw new InvalidOperationException($"DualWrite:Environments is '{Environments}'; it must be Embedded or OData.");
        }
    }

    private FoConnectorOptions FoOptions(string schema, IStateStore state, ILoggerFactory loggers)
    {
        var options = new FoConnectorOptions
        {
            ServiceRoot = Fo.Endpoint("Fo"),
            SchemaPath = schema,
            JournalStore = state,
            Tokens = Fo.Tokens("Fo"),
            LoggerFactory = loggers,
        };
        foreach (var entitySet in DualWriteMaps.All.Select(m => m.Fo.EntitySet!).Distinct())
        {
            options.ModifiedFields[entitySet] = Fo.ModifiedField;
        }

        return options;
    }

    // Relative paths are the content root's; the folder is made on first use.
    private static string InFolder(string contentRoot, string path)
    {
        var full = Path.GetFullPath(path, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    internal sealed class EmbeddedSettings
    {
        public string FoDatabasePath { get; set; } = "data/fo.db";

        public string DataverseDatabasePath { get; set; } = "data/dataverse.db";
    }

    /// <summary>An OData endpoint and the app registration (client credentials) that signs in to it.</summary>
    internal sealed class EndpointSettings
    {
        public Uri? ServiceRoot { get; set; }

        public string TenantId { get; set; } = string.Empty;

        public string ClientId { get; set; } = string.Empty;

        public string ClientSecret { get; set; } = string.Empty;

        public string ModifiedField { get; set; } = "ModifiedDateTime1";

        public Uri Endpoint(string side) =>
            ServiceRoot ?? throw new InvalidOperationException($"DualWrite:{side}:ServiceRoot is not set.");

        public ITokenProvider Tokens(string side)
        {
            if (TenantId.Length == 0 || ClientId.Length == 0 || ClientSecret.Length == 0)
            {
                throw new InvalidOperationException($"DualWrite:{side} needs TenantId, ClientId and ClientSecret (set the secret as DualWrite__{side}__ClientSecret in the environment).");
            }

            return new ClientCredentialsTokenProvider(TenantId, ClientId, ClientSecret, Endpoint(side));
        }
    }
}
