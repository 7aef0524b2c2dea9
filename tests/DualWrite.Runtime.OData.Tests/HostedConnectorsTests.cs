using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.LocalOData.Hosting;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.OData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// AddDualWrite (DualWrite.Runtime.Hosting) over the OData connectors, against the local F&amp;O-like and Dataverse-like
/// services on loopback: a Generic Host that supplies both sides with options.UseFo / UseDataverse. Here rather than in
/// DualWrite.Runtime.Hosting.Tests, whose output must keep the NuGet hosting assemblies the crash host loads, which the
/// local services' ASP.NET Core framework reference would drop from it.
/// </summary>
public sealed class HostedConnectorsTests : IDisposable
{
    private const string Token = "hosted-connectors-token";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dw-odata-hosted-" + Guid.NewGuid().ToString("N")[..8]);

    public HostedConnectorsTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_host_over_the_OData_connectors_links_on_start_and_syncs_a_record_both_ways()
    {
        await using var services = await LocalODataServices.StartAsync(TestSchemas.Fo, TestSchemas.Dataverse, Token, _folder);
        using var host = HostedConnectors.Build(services, _folder, Token);
        await host.StartAsync();
        var environments = host.Services.GetRequiredService<DualWriteEnvironments>();
        var runtime = host.Services.GetRequiredService<DualWriteRuntime>();

        await services.Fo.InsertAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "USMF", ["CustomerGroupId"] = "30", ["Description"] = "Wholesale" });
        var toDataverse = await HostedConnectors.Eventually(() => services.Dataverse.Rows("msdyn_customergroups").Any(g => (string?)g["msdyn_description"] == "Wholesale"));
        var group = services.Dataverse.Rows("msdyn_customergroups").Single();
        await services.Dataverse.UpdateAsync("msdyn_customergroups", new Dictionary<string, object?> { ["msdyn_customergroupid"] = group["msdyn_customergroupid"] },
            new Dictionary<string, object?> { ["msdyn_description"] = "Wholesale (renamed in Dataverse)" });
        var toFo = await HostedConnectors.Eventually(() => services.Fo.Rows("CustomerGroups").Any(g => (string?)g["Description"] == "Wholesale (renamed in Dataverse)"));
        await host.StopAsync();

        Assert.True(toDataverse);
        Assert.True(toFo);
        Assert.Equal(new[] { "USMF" }, runtime.CurrentLink!.Companies);
        Assert.Empty(runtime.GetErrors());
        Assert.IsType<FoEnvironment>(environments.FoEnvironment);
        Assert.IsType<DataverseEnvironment>(environments.DataverseEnvironment);
        var asEmbedded = Assert.Throws<InvalidOperationException>(() => environments.Dataverse);
        Assert.Equal("The Dataverse environment is a DataverseEnvironment (DualWriteOptions.UseDataverse), not an embedded database; use DualWriteEnvironments.DataverseEnvironment.", asEmbedded.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
