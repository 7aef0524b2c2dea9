using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting.Tests;

/// <summary>A side's environment supplied by the host (options.UseFo / UseDataverse): validation, ownership, wrong sides.</summary>
public sealed class EnvironmentFactoryTests : IDisposable
{
    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-hosting-tests", Guid.NewGuid().ToString("N"));

    public EnvironmentFactoryTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_side_from_a_factory_needs_no_paths_refuses_them_and_the_other_side_still_needs_its_own()
    {
        var opened = 0;
        using var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDualWrite(options =>
        {
            Common(options);
            options.UseFo(_ => { opened++; return Embedded(Side.Fo); });
            options.FoDatabasePath = Path.Combine(_folder, "fo.db");
            options.FoSchemaPath = Path.Combine(SchemaFolder, "fo.metadata.xml");
        })).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            new[]
            {
                "DualWrite:FoDatabasePath is set, but options.UseFo supplies the F&O environment; set one or the other.",
                "DualWrite:FoSchemaPath is set, but options.UseFo supplies the F&O environment; set one or the other.",
                "DualWrite:DataverseDatabasePath is not set; it names the Dataverse environment's database file.",
                "DualWrite:DataverseSchemaPath is not set; it names the Dataverse $metadata (CSDL) file.",
            },
            error.Failures);
        Assert.Equal(0, opened);
    }

    [Fact]
    public async Task The_runtime_disposes_what_it_opened_and_what_it_was_given_to_own_but_not_what_the_host_keeps()
    {
        var fo = new DisposalProbe(Embedded(Side.Fo));
        var dataverse = new DisposalProbe(Embedded(Side.Dataverse));
        var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDualWrite(options =>
        {
            Common(options);
            options.UseFo(_ => fo);
            options.UseDataverse(_ => dataverse, runtimeOwnsEnvironment: false);
        })).Build();
        await host.StartAsync();
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();

        var asEmbedded = Assert.Throws<InvalidOperationException>(() => environments.Fo);
        await host.StopAsync();
        host.Dispose();

        Assert.Same(fo, environments.FoEnvironment);
        Assert.Same(dataverse, environments.DataverseEnvironment);
        Assert.Equal("The F&O environment is a DisposalProbe (DualWriteOptions.UseFo), not an embedded database; use DualWriteEnvironments.FoEnvironment.", asEmbedded.Message);
        Assert.Equal(1, fo.Disposals);
        Assert.Equal(0, dataverse.Disposals);
        dataverse.Dispose();
    }

    [Fact]
    public async Task An_embedded_environment_from_a_factory_is_still_reachable_as_embedded()
    {
        using var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDualWrite(options =>
        {
            Common(options);
            options.UseFo(_ => Embedded(Side.Fo));
            options.DataverseDatabasePath = Path.Combine(_folder, "dataverse.db");
            options.DataverseSchemaPath = Path.Combine(SchemaFolder, "dataverse.metadata.xml");
        })).Build();
        await host.StartAsync();
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();

        environments.Fo.Save(CustomerGroupsMap.Definition.Fo, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "30", Description = "Wholesale" });
        var synced = await Waiting.Until(() => environments.Dataverse.Query(CustomerGroupsMap.Definition.Dataverse).Any(g => g.msdyn_description == "Wholesale"));
        await host.StopAsync();

        Assert.True(synced);
        Assert.Same(environments.FoEnvironment, environments.Fo);
    }

    [Fact]
    public async Task A_factory_that_opens_the_other_side_fails_the_start_and_the_runtime_disposes_what_it_opened()
    {
        var wrong = new DisposalProbe(Embedded(Side.Dataverse));
        using var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDualWrite(options =>
        {
            Common(options);
            options.UseFo(_ => wrong);
            options.DataverseDatabasePath = Path.Combine(_folder, "dataverse.db");
            options.DataverseSchemaPath = Path.Combine(SchemaFolder, "dataverse.metadata.xml");
        })).Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal("The factory given to DualWriteOptions.UseFo returned a Dataverse environment (DisposalProbe); it must open the F&O one.", error.Message);
        Assert.Equal(1, wrong.Disposals);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private EmbeddedEnvironment Embedded(Side side) => side == Side.Fo
        ? EmbeddedEnvironment.Open(Side.Fo, Path.Combine(_folder, "fo.db"), Path.Combine(SchemaFolder, "fo.metadata.xml"))
        : EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(SchemaFolder, "dataverse.metadata.xml"));

    private void Common(DualWriteOptions options)
    {
        options.StatePath = Path.Combine(_folder, "state.db");
        options.Companies.Add("USMF");
        options.PollInterval = TimeSpan.FromMilliseconds(20);
        options.AddMaps(DualWriteMaps.All, DualWriteMaps.NumberSequences);
    }
}
