using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Hosting.Preflight;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.OData.Tests.Support;
using DualWrite.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// The host's preflight (DualWrite.Runtime.Hosting) over the OData connectors, against a local Dataverse-like service whose
/// <c>$metadata</c> drifted from the compiled maps. Here rather than in DualWrite.Runtime.Hosting.Tests for the reason
/// <see cref="HostedConnectorsTests"/> gives: that project's output must keep the hosting assemblies the crash host loads.
/// </summary>
public sealed class HostPreflightTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dw-preflight-" + Guid.NewGuid().ToString("N")[..8]);

    public HostPreflightTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_breaking_difference_stops_the_host_with_the_report()
    {
        var drifted = DriftedSchema.Dataverse(_folder, "account", type => DriftedSchema.Property(type, "name").Remove());
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, drifted, ConnectedPair.Token, _folder);

        var refused = await RefusedAsync(services);

        Assert.Contains("Customers: breaking", refused, StringComparison.Ordinal);
        Assert.Contains("BREAKING Dataverse accounts.name: The column name of accounts is gone", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Told_to_the_host_starts_the_unaffected_maps_and_stops_the_broken_one_with_the_reason()
    {
        // A changed key rather than a removed column: the connector still reads the table, but no longer addresses its rows.
        var drifted = DriftedSchema.Dataverse(_folder, "account", type =>
            type.Descendants().Single(e => e.Name.LocalName == "PropertyValue" && (string?)e.Attribute("PropertyPath") == "accountnumber").SetAttributeValue("PropertyPath", "name"));
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, drifted, ConnectedPair.Token, _folder);

        var reason = await StartUnaffectedAsync(services, broken: "Customers");

        Assert.Contains("The alternate key key(accountnumber, _msdyn_company_value) of accounts", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_pair_starts_every_map()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, ConnectedPair.Token, _folder);
        using var host = Host(services, startUnaffectedMaps: false);

        await host.StartAsync();
        await host.StopAsync();

        var preflight = host.Services.GetRequiredService<DualWritePreflightService>();
        Assert.Empty(preflight.NotRunning);
        Assert.Null(preflight.Report!.Worst);
    }

    [Fact]
    public async Task Change_tracking_off_on_a_tracked_table_stops_the_host_with_the_report()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, ConnectedPair.Token, _folder);
        services.Dataverse.Organization.SetChangeTracking("msdyn_customergroups", enabled: false);

        var refused = await RefusedAsync(services);

        Assert.Contains("CustomerGroups: breaking", refused, StringComparison.Ordinal);
        Assert.Contains("Change tracking is off on msdyn_customergroup", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Told_to_the_host_stops_the_map_whose_privilege_is_missing_and_runs_the_others()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, ConnectedPair.Token, _folder);
        services.Dataverse.Organization.Revoke("msdyn_vendorgroups", "Create");

        var reason = await StartUnaffectedAsync(services, broken: "VendorGroups");

        Assert.Contains("lacks prvCreatemsdyn_vendorgroup", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dualwrite_status_shows_why_the_preflight_stopped_a_map()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, ConnectedPair.Token, _folder);
        services.Dataverse.Organization.Revoke("msdyn_vendorgroups", "Create");
        var reason = await StartUnaffectedAsync(services, broken: "VendorGroups");

        var status = Status();

        var lines = status.Split('\n');
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^VendorGroups\s+Stopped\s"));
        var why = Assert.Single(lines, l => l.Contains(" stopped ", StringComparison.Ordinal));
        Assert.Matches(@"^VendorGroups stopped \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: host preflight: ", why);
        Assert.EndsWith(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_linked_company_missing_in_F_and_O_stops_the_host()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, ConnectedPair.Token, _folder);
        services.Fo.Organization.RemoveLegalEntity("USMF");

        var refused = await RefusedAsync(services);

        Assert.Contains("The linked legal entity USMF does not exist in F&O", refused, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Starts a host that must refuse, checks that it linked nothing, and returns its refusal.</summary>
    private async Task<string> RefusedAsync(LocalODataServices services)
    {
        using var host = Host(services, startUnaffectedMaps: false);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Null(host.Services.GetRequiredService<DualWriteRuntime>().CurrentLink);
        return refused.Message;
    }

    /// <summary>
    /// Starts a host told to run the unaffected maps, syncs a customer group through it, and checks that the broken map is
    /// stopped while CustomerGroups runs; returns the broken map's reason.
    /// </summary>
    private async Task<string> StartUnaffectedAsync(LocalODataServices services, string broken)
    {
        using var host = Host(services, startUnaffectedMaps: true);
        await host.StartAsync();
        await services.Fo.InsertAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "USMF", ["CustomerGroupId"] = "30", ["Description"] = "Wholesale" });
        var synced = await HostedConnectors.Eventually(() => services.Dataverse.Rows("msdyn_customergroups").Any(g => (string?)g["msdyn_description"] == "Wholesale"));
        await host.StopAsync();

        var preflight = host.Services.GetRequiredService<DualWritePreflightService>();
        var runtime = host.Services.GetRequiredService<DualWriteRuntime>();
        Assert.DoesNotContain("CustomerGroups", preflight.NotRunning.Keys);
        Assert.Equal(MapState.Stopped, runtime.GetMapState(broken));
        Assert.Equal(MapState.Running, runtime.GetMapState("CustomerGroups"));
        Assert.True(synced);
        return preflight.NotRunning[broken];
    }

    /// <summary>
    /// <c>dualwrite status</c> over the host's state store. The command reads the change logs of embedded databases, which
    /// the OData services are not; empty ones stand in, since only the maps' states matter here.
    /// </summary>
    private string Status()
    {
        var fo = Path.Combine(_folder, "fo-embedded.db");
        var dataverse = Path.Combine(_folder, "dataverse-embedded.db");
        EmbeddedEnvironment.Open(Side.Fo, fo, TestSchemas.Fo).Dispose();
        EmbeddedEnvironment.Open(Side.Dataverse, dataverse, TestSchemas.Dataverse).Dispose();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = DualWrite.Cli.Program.RunAsync(
            ["status", "--state", Path.Combine(_folder, "state.db"), "--fo", fo, "--dataverse", dataverse, "--fo-schema", TestSchemas.Fo, "--dataverse-schema", TestSchemas.Dataverse,
                "--maps", typeof(DualWriteMaps).Assembly.Location],
            stdout,
            stderr).GetAwaiter().GetResult();
        Assert.True(code == 0, stderr.ToString());
        return stdout.ToString().ReplaceLineEndings("\n");
    }

    private IHost Host(LocalODataServices services, bool startUnaffectedMaps) =>
        Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder().ConfigureServices(collection => collection.AddDualWrite(options =>
        {
            options.UseFo(_ => FoEnvironment.Open(HostedConnectors.FoOptions(services.Fo.ServiceRoot, _folder, ConnectedPair.Token)));
            options.UseDataverse(_ => DataverseEnvironment.Open(HostedConnectors.DataverseOptions(services.Dataverse.ServiceRoot, _folder, ConnectedPair.Token)));
            options.StatePath = Path.Combine(_folder, "state.db");
            options.Companies.Add("USMF");
            options.PollInterval = TimeSpan.FromMilliseconds(50);
            options.Preflight.StartUnaffectedMaps = startUnaffectedMaps;
            options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
        })).Build();
}
