using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.OData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>A host's stop reaches the HTTP request its pass has in flight, and nothing of that pass is lost or repeated.</summary>
public sealed class HostStopTests : IDisposable
{
    private const string Token = "host-stop-token";

    // Generous: the assertions are about what happens, not how fast; a stop that never reaches the request fails here.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dw-odata-stop-" + Guid.NewGuid().ToString("N")[..8]);

    public HostStopTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_host_stopping_mid_pass_cancels_the_request_in_flight_and_the_next_host_applies_every_change_once_in_order()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, Token, _folder);
        using (var first = HostedConnectors.Build(services, _folder, Token))
        {
            // Held after the start, whose link writes the company rows: the first write of a pass is the one held.
            await first.StartAsync();
            var held = services.Dataverse.Faults.Inject(Fault.HoldUntilAborted(), method: "POST", pathContains: "$batch");
            await services.Fo.InsertAsync("CustomerGroups", Group("30", "Wholesale"));
            await services.Fo.InsertAsync("CustomerGroups", Group("31", "Retail"));
            Assert.True(await HostedConnectors.Eventually(() => held.Hits == 1), "The pass never sent its writes.");

            var stopping = first.StopAsync();
            Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(Patience)));
            await stopping;
            Assert.Same(held.ClientAborted, await Task.WhenAny(held.ClientAborted, Task.Delay(Patience)));
        }

        Assert.Empty(services.Dataverse.Rows("msdyn_customergroups"));
        await services.Fo.UpdateAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "USMF", ["CustomerGroupId"] = "30" }, new Dictionary<string, object?> { ["Description"] = "Wholesale (renamed)" });

        using (var second = HostedConnectors.Build(services, _folder, Token))
        {
            await second.StartAsync();
            Assert.True(await HostedConnectors.Eventually(() => Descriptions(services).Count == 2 && Descriptions(services)["30"] == "Wholesale (renamed)"), "The next host did not catch up.");
            await second.StopAsync();
            Assert.Empty(second.Services.GetRequiredService<DualWriteRuntime>().GetErrors());
        }

        // Each group was created once in Dataverse and renamed once, the rename (made after the insert) after it.
        var writes = services.Dataverse.Requests.Entries.Where(r => r.Fault is null).SelectMany(r => r.BatchOperations)
            .Where(o => o.Url.Contains("msdyn_customergroups", StringComparison.Ordinal) && o.Status is >= 200 and < 300).ToList();
        Assert.Equal(2, writes.Count(o => o.Status == 201));
        Assert.Equal(3, writes.Count);
        Assert.Equal(new Dictionary<string, string?> { ["30"] = "Wholesale (renamed)", ["31"] = "Retail" }, Descriptions(services));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Dictionary<string, object?> Group(string id, string description) =>
        new() { ["dataAreaId"] = "USMF", ["CustomerGroupId"] = id, ["Description"] = description };

    private static Dictionary<string, string?> Descriptions(LocalODataServices services) =>
        services.Dataverse.Rows("msdyn_customergroups").ToDictionary(g => (string)g["msdyn_groupid"]!, g => (string?)g["msdyn_description"], StringComparer.Ordinal);
}
