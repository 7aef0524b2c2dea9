using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using Contoso.Integration.Dataverse;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Limits;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Pacing;

/// <summary>The connector paces itself by Dataverse's rate-limit headers and waits out every Retry-After at one gate; on a virtual clock, so nothing sleeps.</summary>
public sealed class PacingTests : IAsyncLifetime
{
    private const string Token = "pacing-tests-token";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private readonly VirtualClock clock = new();
    private readonly string folder = Directory.CreateTempSubdirectory("dw-pacing-").FullName;
    private LocalODataService service = null!;
    private DataverseEnvironment dataverse = null!;

    public async Task InitializeAsync()
    {
        service = await LocalODataService.StartDataverseAsync(new LocalODataOptions
        {
            SchemaPath = TestSchemas.Dataverse,
            AccessToken = Token,
            Time = clock,
            ServiceProtection = new ServiceProtectionLimits { Window = Window, RequestsPerWindow = 20, ExecutionTimePerWindow = TimeSpan.FromHours(1) },
        });
        dataverse = DataverseEnvironment.Open(new DataverseConnectorOptions
        {
            ServiceRoot = service.ServiceRoot,
            SchemaPath = TestSchemas.Dataverse,
            JournalPath = Path.Combine(folder, "journal.db"),
            Tokens = new StaticTokenProvider(Token),
            Time = clock,
            ServiceProtectionWindow = Window,
            MaxRetryAttempts = 50,
            MaxParallelRequests = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            TrackedEntitySets = new[] { "msdyn_customergroups" },
        });
    }

    public async Task DisposeAsync()
    {
        dataverse.Dispose();
        await service.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_steady_run_of_requests_stays_under_the_limit_without_one_refusal()
    {
        for (var i = 0; i < 120; i++)
        {
            await dataverse.CountRowsAsync("msdyn_customergroups", CancellationToken.None);
        }

        // Each count is one request: the set's /$count.
        Assert.Equal(0, service.Requests.Entries.Count(e => e.Status == 429));
        Assert.Equal(120, service.Requests.Entries.Count);

        // 120 requests at 20 per 10-second window take at least five windows: the pace, not refusals, spread them.
        Assert.True(clock.Elapsed >= 5 * Window, $"{clock.Elapsed} elapsed");
    }

    [Fact]
    public async Task A_storm_of_429s_is_waited_out_at_the_gate_and_every_write_is_applied_once()
    {
        await service.InsertAsync("cdm_companies", Rows.Of(("cdm_companycode", "USMF"), ("cdm_name", "USMF")));
        var storm = service.Faults.Inject(Fault.Throttle(TimeSpan.FromSeconds(30)), times: 20, method: "POST");
        var descriptor = CustomerGroupsMap.Definition.Dataverse;
        using (var transaction = await dataverse.BeginTransactionAsync("dualwrite:test", CancellationToken.None))
        {
            for (var i = 1; i <= 1000; i++)
            {
                transaction.SetOrigin("dualwrite:CustomerGroups#" + i.ToString(CultureInfo.InvariantCulture));
                await transaction.InsertAsync(descriptor, new Msdyn_customergroup { msdyn_groupid = FaultTests.GroupId(i), msdyn_company = new() { cdm_companycode = "USMF" } }, CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(20, storm.Hits);
        Assert.Equal(20, dataverse.Gate.Refusals);

        // Every refusal closed the gate for all four lanes: refusals met in parallel share a wait, but no lane went on early.
        Assert.True(clock.Elapsed >= 20 * TimeSpan.FromSeconds(30) / 4, $"{clock.Elapsed} elapsed");
        var ids = service.Rows("msdyn_customergroups").Select(r => (string)r["msdyn_groupid"]!).ToList();
        Assert.Equal(1000, ids.Count);
        Assert.Equal(Enumerable.Range(1, 1000).Select(FaultTests.GroupId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }
}
