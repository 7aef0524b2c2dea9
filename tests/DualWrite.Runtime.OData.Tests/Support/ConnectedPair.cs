using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>
/// Both local services on loopback, a connector to each, and a runtime with the sample's maps linked to USMF and
/// DEMF: what a host runs against real environments, with the services' URLs and a token.
/// </summary>
internal sealed class ConnectedPair : IAsyncDisposable
{
    public const string Token = "connector-tests-token";

    private ConnectedPair(string folder, LocalODataService foService, LocalODataService dataverseService, string foSchema)
    {
        Folder = folder;
        FoService = foService;
        DataverseService = dataverseService;
        FoSchema = foSchema;
    }

    public string Folder { get; }

    public LocalODataService FoService { get; }

    public LocalODataService DataverseService { get; }

    public string FoSchema { get; }

    public FoEnvironment Fo { get; private set; } = null!;

    public DataverseEnvironment Dataverse { get; private set; } = null!;

    public SqliteStateStore State { get; private set; } = null!;

    public DualWriteRuntime Runtime { get; private set; } = null!;

    /// <summary>How long one HTTP attempt may take before the connectors give up on it.</summary>
    public TimeSpan AttemptTimeout { get; private set; } = TimeSpan.FromSeconds(20);

    /// <param name="maxChangesetOperations">The connectors' operations per changeset.</param>
    /// <param name="attemptTimeout">How long one HTTP attempt may take.</param>
    /// <param name="dataverseServiceSchema">
    /// Edits the customer-group type of the schema the Dataverse service publishes (the connector keeps the sample's):
    /// a service that refuses what the connector lets through.
    /// </param>
    /// <param name="dataverseClock">The clock that stamps the Dataverse service's rows (<c>createdon</c>, <c>modifiedon</c>); the system's by default.</param>
    public static async Task<ConnectedPair> StartAsync(int maxChangesetOperations = 1000, TimeSpan? attemptTimeout = null, Action<System.Xml.Linq.XElement>? dataverseServiceSchema = null, TimeProvider? dataverseClock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dw-odata-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var foSchema = TestSchemas.Fo;
        var fo = await LocalODataService.StartFoAsync(new LocalODataOptions { SchemaPath = foSchema, AccessToken = Token, DatabasePath = Path.Combine(folder, "fo-service.db") });
        var dataverseSchema = dataverseServiceSchema is null ? TestSchemas.Dataverse : DriftedSchema.Dataverse(folder, "msdyn_customergroup", dataverseServiceSchema);
        var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = dataverseSchema, AccessToken = Token, DatabasePath = Path.Combine(folder, "dataverse-service.db"), Time = dataverseClock ?? TimeProvider.System });
        var pair = new ConnectedPair(folder, fo, dataverse, foSchema) { AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(20) };
        pair.Connect(maxChangesetOperations);
        return pair;
    }

    public FoConnectorOptions FoOptions(int maxChangesetOperations = 1000)
    {
        var options = new FoConnectorOptions
        {
            ServiceRoot = FoService.ServiceRoot,
            SchemaPath = FoSchema,
            JournalPath = Path.Combine(Folder, "fo-journal.db"),
            Tokens = new StaticTokenProvider(Token),
            MaxChangesetOperations = maxChangesetOperations,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = AttemptTimeout,

            // The services stamp with one clock, so no skew to cover; rows read again would be skipped anyway.
            PollOverlap = TimeSpan.FromSeconds(2),
            DetectDeletes = true,
        };
        foreach (var set in new[] { "CustomerGroups", "CustomersV3", "VendorGroups", "VendorsV2", "ContactPersonsV2", "ProductsV2", "Currencies" })
        {
            options.ModifiedFields[set] = TestSchemas.ModifiedField;
        }

        return options;
    }

    public DataverseConnectorOptions DataverseOptions(int maxChangesetOperations = 1000) => new()
    {
        ServiceRoot = DataverseService.ServiceRoot,
        SchemaPath = TestSchemas.Dataverse,
        JournalPath = Path.Combine(Folder, "dataverse-journal.db"),
        Tokens = new StaticTokenProvider(Token),
        MaxChangesetOperations = maxChangesetOperations,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = AttemptTimeout,
        TrackedEntitySets = new[] { "msdyn_customergroups", "accounts", "msdyn_vendorgroups", "msdyn_vendors", "contacts", "msdyn_globalproducts", "transactioncurrencies" },
    };

    /// <summary>Sync passes until one reads nothing; what they synced and failed in total.</summary>
    public (int Synced, int Failed, int Passes) SyncUntilQuiet(int maxPasses = 10)
    {
        var synced = 0;
        var failed = 0;
        for (var pass = 1; pass <= maxPasses; pass++)
        {
            var result = Runtime.SyncOnce();
            synced += result.Synced;
            failed += result.Failed;
            if (result.Read == 0)
            {
                return (synced, failed, pass);
            }
        }

        throw new InvalidOperationException($"The runtime still read changes after {maxPasses} passes: the maps ping-pong.");
    }

    public async ValueTask DisposeAsync()
    {
        Runtime.Dispose();
        State.Dispose();
        Fo.Dispose();
        Dataverse.Dispose();
        await DataverseService.DisposeAsync();
        await FoService.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool; the temporary folder is left to the system.
        }
    }

    private void Connect(int maxChangesetOperations)
    {
        Fo = FoEnvironment.Open(FoOptions(maxChangesetOperations));
        Dataverse = DataverseEnvironment.Open(DataverseOptions(maxChangesetOperations));
        State = new SqliteStateStore(Path.Combine(Folder, "state.db"));
        Runtime = new DualWriteRuntime(Fo, Dataverse, State, DualWriteMaps.All, DualWriteMaps.NumberSequences);
        Runtime.Link(new[] { "USMF", "DEMF" });
    }
}
