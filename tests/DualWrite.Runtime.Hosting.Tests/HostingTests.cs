using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Hosting.Tests.Support;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Hosting.Tests;

public sealed class HostingTests : IDisposable
{
    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-hosting-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_hosted_service_links_on_first_start_syncs_live_and_stops_cleanly()
    {
        using var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDualWrite(Configure)).Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<DualWriteRuntime>();
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();

        environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        var synced = await Waiting.Until(() => environments.Dataverse.Query(CustomerGroupsMap.Definition.Dataverse).Any(g => g.msdyn_description == "Wholesale"));
        await host.StopAsync();

        Assert.True(synced);
        Assert.Equal(new[] { "USMF", "DEMF" }, runtime.CurrentLink!.Companies);
    }

    [Fact]
    public async Task Invalid_options_fail_the_start_and_name_every_problem()
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureServices(services => services.AddDualWrite(options =>
            {
                options.FoSchemaPath = Path.Combine(_folder, "missing.xml");
                options.PollInterval = TimeSpan.Zero;
                options.Runtime.Retry.Attempts = 0;
                options.Runtime.Alerts.Add(new AlertRule("Nope", SyncErrorKind.Lookup, 3, TimeSpan.FromMinutes(5), AlertAction.Pause));
            }))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DualWrite:FoDatabasePath is not set; it names the F&O environment's database file.", error.Failures);
        Assert.Contains("DualWrite:StatePath is not set; it names the state store's database file or postgres:// URL.", error.Failures);
        Assert.Contains($"DualWrite:FoSchemaPath: the F&O schema '{Path.Combine(_folder, "missing.xml")}' does not exist.", error.Failures);
        Assert.Contains("DualWrite:DataverseSchemaPath is not set; it names the Dataverse $metadata (CSDL) file.", error.Failures);
        Assert.Contains("DualWrite:PollInterval must be positive; it is 00:00:00.", error.Failures);
        Assert.Contains("DualWrite:Runtime: A retry policy needs at least one attempt and 0 <= base delay <= max delay; got 0 attempts, 00:00:00.2000000, 00:00:10.", error.Failures);
        Assert.Contains("DualWrite:Runtime: an alert rule names map 'Nope', which is not configured.", error.Failures);
        Assert.Contains("DualWrite: no maps are configured; call options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences).", error.Failures);
    }

    [Fact]
    public async Task Sharing_the_work_needs_a_postgres_url_and_sane_settings_and_a_bad_url_is_named_without_its_password()
    {
        using var sqlite = Host.CreateDefaultBuilder()
            .ConfigureServices(services => services.AddDualWrite(options =>
            {
                Configure(options);
                options.WorkSharing = new WorkSharingOptions { HostId = " ", PartitionCount = 0, LeaseDuration = TimeSpan.Zero };
            }))
            .Build();
        using var badUrl = Host.CreateDefaultBuilder()
            .ConfigureServices(services => services.AddDualWrite(options =>
            {
                Configure(options);
                options.StatePath = "postgres://dw:secret@db:5432/";
            }))
            .Build();

        var sharing = await Assert.ThrowsAsync<OptionsValidationException>(() => sqlite.StartAsync());
        var url = await Assert.ThrowsAsync<OptionsValidationException>(() => badUrl.StartAsync());

        Assert.Contains("DualWrite:WorkSharing needs a state store the hosts share; set StatePath to a postgres://user:password@host:port/database URL.", sharing.Failures);
        Assert.Contains("DualWrite:WorkSharing:HostId is empty; each host needs its own identity.", sharing.Failures);
        Assert.Contains("DualWrite:WorkSharing:PartitionCount must be at least 1; it is 0.", sharing.Failures);
        Assert.Contains("DualWrite:WorkSharing:LeaseDuration must be positive; it is 00:00:00.", sharing.Failures);
        var failure = Assert.Single(url.Failures);
        Assert.StartsWith("DualWrite:StatePath: 'postgres://dw:***@db:5432/' names no database", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_rules_configured_through_AddDualWrite_act_on_the_running_host()
    {
        using var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDualWrite(options =>
        {
            Configure(options);
            options.Runtime.Alerts.Add(new AlertRule(CustomersMap.Name, SyncErrorKind.Lookup, 1, TimeSpan.FromMinutes(5), AlertAction.Stop));
        })).Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<DualWriteRuntime>();
        var raised = new TaskCompletionSource<AlertRaisedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        runtime.AlertRaised += (_, alert) => raised.TrySetResult(alert);
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();

        environments.Fo.Save(CustomersMap.Definition.Fo, new Fo.CustomerV3
        {
            dataAreaId = "USMF", CustomerAccount = "US0001", OrganizationName = "No group", CustomerGroupId = "99",
            PartyType = Fo.DirPartyBaseType.Organization, OnHoldStatus = Fo.CustVendorBlocked.No, PaymentTerms = "Net30",
        });
        var alert = await raised.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await host.StopAsync();

        Assert.Equal((CustomersMap.Name, SyncErrorKind.Lookup, AlertAction.Stop), (alert.Map, alert.Kind, alert.Action));
        Assert.Equal(MapState.Stopped, runtime.GetMapState(CustomersMap.Name));
    }

    public void Dispose()
    {
        // What the tool and the hosts opened, they disposed, clearing their own pools; ClearAllPools would also pull idle
        // connections from under tests running in parallel.
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Configure(DualWriteOptions options)
    {
        options.FoDatabasePath = Path.Combine(_folder, "fo.db");
        options.FoSchemaPath = Path.Combine(SchemaFolder, "fo.metadata.xml");
        options.DataverseDatabasePath = Path.Combine(_folder, "dataverse.db");
        options.DataverseSchemaPath = Path.Combine(SchemaFolder, "dataverse.metadata.xml");
        options.StatePath = Path.Combine(_folder, "state.db");
        options.Companies.Add("USMF");
        options.Companies.Add("DEMF");
        options.PollInterval = TimeSpan.FromMilliseconds(20);
        options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
    }
}
