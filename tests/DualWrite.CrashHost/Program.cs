using System;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: DualWrite.CrashHost <data folder> <schema folder> [small-chunks | <state> <host id> [small-chunks]]. Syncs
// CustomerGroups and Customers of USMF every 10 ms until killed. With small-chunks, paused maps stage and resumed maps
// replay in chunks of a few changes, so that a kill falls between many commits. The state store is state.db in the data
// folder, or <state>: a postgres:// URL, whose store the host then shares with the other hosts given the same URL
// (leases of 4 s, so a killed host's share moves on quickly).
var (folder, schemas) = (args[0], args[1]);
var smallChunks = args[^1] == "small-chunks";
var maps = new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition };
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddDualWrite(options =>
{
    options.FoDatabasePath = Path.Combine(folder, "fo.db");
    options.FoSchemaPath = Path.Combine(schemas, "fo.metadata.xml");
    options.DataverseDatabasePath = Path.Combine(folder, "dataverse.db");
    options.DataverseSchemaPath = Path.Combine(schemas, "dataverse.metadata.xml");
    options.StatePath = args.Length > 3 ? args[2] : Path.Combine(folder, "state.db");
    if (args.Length > 3)
    {
        options.WorkSharing = new WorkSharingOptions { HostId = args[3], LeaseDuration = TimeSpan.FromSeconds(4) };
    }

    options.Companies.Add("USMF");
    options.PollInterval = TimeSpan.FromMilliseconds(10);
    if (smallChunks)
    {
        options.Runtime.StagingChunkSize = 13;
        options.Runtime.ReplayChunkSize = 7;
    }

    options.AddMaps(maps, DualWriteMaps.NumberSequences.Where(n => maps.Any(m => m.Name == n.MapName)));
});

await builder.Build().RunAsync();
