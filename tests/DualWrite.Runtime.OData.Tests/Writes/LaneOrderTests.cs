using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using Contoso.Integration.Dataverse;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Writes;

/// <summary>A commit's writes go in parallel lanes; each row's writes keep their order through random faults (seeded; the seed is printed on failure).</summary>
public sealed class LaneOrderTests
{
    private const string Token = "lane-tests-token";
    private const int Records = 121;

    public static IEnumerable<object[]> Seeds() =>
        (Environment.GetEnvironmentVariable("DUALWRITE_LANE_SEED") is { } one ? new[] { int.Parse(one, CultureInfo.InvariantCulture) } : new[] { 1, 2, 3 })
        .Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Each_rows_writes_keep_their_order_across_lanes_under_random_faults(int seed)
    {
        var clock = new VirtualClock();
        var folder = Directory.CreateTempSubdirectory("dw-lanes-").FullName;
        await using var service = await LocalODataService.StartDataverseAsync(new LocalODataOptions { SchemaPath = TestSchemas.Dataverse, AccessToken = Token, Time = clock, DegreeOfParallelismHint = 4 });
        using var dataverse = DataverseEnvironment.Open(new DataverseConnectorOptions
        {
            ServiceRoot = service.ServiceRoot,
            SchemaPath = TestSchemas.Dataverse,
            JournalPath = Path.Combine(folder, "journal.db"),
            Tokens = new StaticTokenProvider(Token),
            Time = clock,
            MaxRetryAttempts = 20,
            MaxParallelRequests = 8,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            TrackedEntitySets = new[] { "msdyn_customergroups" },
        });
        await service.InsertAsync("cdm_companies", Rows.Of(("cdm_companycode", "USMF"), ("cdm_name", "USMF")));
        var random = new Random(seed);
        var faults = new List<FaultRule>();
        for (var i = 0; i < 12; i++)
        {
            var fault = random.Next(4) switch
            {
                0 => Fault.Throttle(TimeSpan.FromSeconds(1 + random.Next(5))),
                1 => Fault.ServerError(503, TimeSpan.FromSeconds(1)),
                2 => Fault.DropBeforeProcessing(),
                _ => Fault.DropMidResponse(),
            };
            faults.Add(service.Faults.Inject(fault, method: "POST"));
        }

        try
        {
            var descriptor = CustomerGroupsMap.Definition.Dataverse;
            var keyPaths = CustomerGroupsMap.Definition.DataverseKeyPaths;
            using (var transaction = await dataverse.BeginTransactionAsync("dualwrite:test", CancellationToken.None))
            {
                // Three changes per record, one after the other: the create, then two edits.
                for (var i = 1; i <= Records; i++)
                {
                    for (var version = 1; version <= 3; version++)
                    {
                        transaction.SetOrigin($"dualwrite:CustomerGroups#{(version * 1000) + i}");
                        var group = Group(i, version);
                        if (version == 1)
                        {
                            await transaction.InsertAsync(descriptor, group, CancellationToken.None);
                        }
                        else
                        {
                            await transaction.UpdateAsync(descriptor, keyPaths, new object?[] { "USMF", group.msdyn_groupid }, group, new[] { "msdyn_description" }, CancellationToken.None);
                        }
                    }
                }

                await transaction.CommitAsync(CancellationToken.None);
            }

            var rows = service.Rows("msdyn_customergroups").ToDictionary(r => (string)r["msdyn_groupid"]!, r => (string?)r["msdyn_description"], StringComparer.Ordinal);
            Assert.Equal(Records, rows.Count);
            Assert.All(Enumerable.Range(1, Records), i => Assert.Equal(Description(i, 3), rows[FaultTests.GroupId(i)]));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException || !e.Message.StartsWith("Seed ", StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"Seed {seed} (replay with DUALWRITE_LANE_SEED={seed}), faults hit {faults.Sum(f => f.Hits)}: {e}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Msdyn_customergroup Group(int number, int version) => new()
    {
        msdyn_groupid = FaultTests.GroupId(number),
        msdyn_description = Description(number, version),
        msdyn_company = new() { cdm_companycode = "USMF" },
    };

    private static string Description(int number, int version) => $"Group {number} v{version}";
}
