using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The OData connectors to the local services, configured only through their public options, so what the connectors
/// do by default (bulk writes, lanes, pacing) is what is measured. Each side's journal is a file in <c>folder</c>: hosts
/// given the same folder share the journals, and with them the change sequences their partition cursors count in.
/// </summary>
internal sealed class ClientConnectors : IDisposable
{
    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");

    private ClientConnectors(FoEnvironment fo, DataverseEnvironment dataverse)
    {
        Fo = fo;
        Dataverse = dataverse;
    }

    /// <summary>The sample's <c>CustomerGroups</c> map: F&amp;O customer groups to and from Dataverse's.</summary>
    public static IReadOnlyList<IDualWriteMap> Maps { get; } = DualWriteMaps.All.Where(m => m.Name == CustomerGroupsMap.Name).ToList();

    public FoEnvironment Fo { get; }

    public DataverseEnvironment Dataverse { get; }

    /// <param name="limits">
    /// The limits the services enforce, if any: the connectors pace by the services' headers over their sliding
    /// windows, which they are told here (a real Dataverse's is five minutes, the connectors' default; the scaled-down
    /// services' is seconds, and pacing over five minutes there would wait minutes between the last requests).
    /// </param>
    /// <param name="foPageSize">F&amp;O rows per page; null for the connector's default.</param>
    /// <param name="log">Where to log every request both connectors send; null for none.</param>
    /// <param name="bulkChunkSize">Dataverse records per bulk message; null for the connector's default.</param>
    public static ClientConnectors Open(LocalServicesProcess services, string folder, string token, ServiceLimits? limits = null, int? foPageSize = null, RequestLog? log = null, int? bulkChunkSize = null)
    {
        var foOptions = new FoConnectorOptions
        {
            ServiceRoot = services.FoRoot,
            SchemaPath = Path.Combine(Schemas, "fo.metadata.xml"),
            JournalPath = Path.Combine(folder, "fo-journal.db"),
            Tokens = new StaticTokenProvider(token),

            // One clock stamps every row of the local service, so there is no skew between servers to cover.
            PollOverlap = TimeSpan.FromSeconds(2),
            PrimaryHandler = log?.Handler("fo"),
        };
        if (limits is not null)
        {
            foOptions.ServiceProtectionWindow = limits.FoWindow;
        }

        if (foPageSize is { } pageSize)
        {
            foOptions.PageSize = pageSize;
        }

        foOptions.ModifiedFields["CustomerGroups"] = "ModifiedDateTime1";
        var fo = FoEnvironment.Open(foOptions);
        var dataverseOptions = new DataverseConnectorOptions
        {
            ServiceRoot = services.DataverseRoot,
            SchemaPath = Path.Combine(Schemas, "dataverse.metadata.xml"),
            JournalPath = Path.Combine(folder, "dataverse-journal.db"),
            Tokens = new StaticTokenProvider(token),
            TrackedEntitySets = new[] { "msdyn_customergroups" },
            PrimaryHandler = log?.Handler("dataverse"),
        };
        if (limits is not null)
        {
            dataverseOptions.ServiceProtectionWindow = limits.DataverseWindow;
        }

        if (bulkChunkSize is { } chunk)
        {
            dataverseOptions.BulkChunkSize = chunk;
        }

        var dataverse = DataverseEnvironment.Open(dataverseOptions);
        return new ClientConnectors(fo, dataverse);
    }

    public void Dispose()
    {
        Fo.Dispose();
        Dataverse.Dispose();
    }
}
