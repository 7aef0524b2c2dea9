using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Contoso.Integration;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.State;

namespace DualWrite.Benchmarks;

/// <summary>
/// Changes per second over HTTP: a sync pass carries 200 F&amp;O updates to Dataverse through the
/// OData connectors and the local services, writing them in <c>$batch</c> changesets of up to 1,000 operations, or in
/// one request per change (changesets of one). Each change also costs the engine's read of the target row.
/// </summary>
[MemoryDiagnoser]
public class ODataSyncBenchmarks
{
    private const string Token = "benchmark-token";
    private const string ModifiedField = "ModifiedDateTime1";
    private string _folder = null!;
    private LocalODataServices _services = null!;
    private FoEnvironment _fo = null!;
    private DataverseEnvironment _dataverse = null!;
    private SqliteStateStore _state = null!;
    private DualWriteRuntime _runtime = null!;
    private int _round;

    private const int Changes = 200;

    [Params(1000, 1)]
    public int ChangesetOperations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dw-bench-odata-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var schemas = Path.Combine(AppContext.BaseDirectory, "samples", "schemas");
        var foSchema = Path.Combine(schemas, "fo.metadata.xml");
        var dataverseSchema = Path.Combine(schemas, "dataverse.metadata.xml");
        _services = LocalODataServices.StartAsync(foSchema, dataverseSchema, Token, _folder).GetAwaiter().GetResult();
        var foOptions = new FoConnectorOptions
        {
            ServiceRoot = _services.Fo.ServiceRoot, SchemaPath = foSchema, JournalPath = Path.Combine(_folder, "fo-journal.db"),
            Tokens = new StaticTokenProvider(Token), MaxChangesetOperations = ChangesetOperations,
        };
        foOptions.ModifiedFields["CustomerGroups"] = ModifiedField;
        _fo = FoEnvironment.Open(foOptions);
        _dataverse = DataverseEnvironment.Open(new DataverseConnectorOptions
        {
            ServiceRoot = _services.Dataverse.ServiceRoot, SchemaPath = dataverseSchema, JournalPath = Path.Combine(_folder, "dataverse-journal.db"),
            Tokens = new StaticTokenProvider(Token), MaxChangesetOperations = ChangesetOperations, TrackedEntitySets = new[] { "msdyn_customergroups" },
        });
        _state = new SqliteStateStore(Path.Combine(_folder, "state.db"));
        _runtime = new DualWriteRuntime(_fo, _dataverse, _state, DualWriteMaps.All.Where(m => m.Name == "CustomerGroups").ToList(), DualWriteMaps.NumberSequences);
        _runtime.LinkAsync(new[] { "USMF" }).GetAwaiter().GetResult();
        for (var i = 0; i < Changes; i++)
        {
            _services.Fo.InsertAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "USMF", ["CustomerGroupId"] = $"G{i:D4}", ["Description"] = "created" }).GetAwaiter().GetResult();
        }

        SyncAllAsync().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void ChangeEveryGroup()
    {
        _round++;
        for (var i = 0; i < Changes; i++)
        {
            _services.Fo.UpdateAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "USMF", ["CustomerGroupId"] = $"G{i:D4}" }, new Dictionary<string, object?> { ["Description"] = $"round {_round}" }).GetAwaiter().GetResult();
        }
    }

    [Benchmark(OperationsPerInvoke = Changes)]
    public Task<int> SyncChanges() => SyncAllAsync();

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _state.Dispose();
        _fo.Dispose();
        _dataverse.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<int> SyncAllAsync()
    {
        var synced = 0;
        for (var pass = 0; pass < 5; pass++)
        {
            var result = await _runtime.SyncOnceAsync();
            synced += result.Synced;
            if (result.Read == 0)
            {
                break;
            }
        }

        return synced;
    }
}
