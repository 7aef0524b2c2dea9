using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

public sealed class DataverseReadTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public DataverseReadTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task Collections_page_with_next_links_at_the_preferred_page_size()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "PAG1");
        for (var i = 0; i < 7; i++)
        {
            await services.Dataverse.InsertAsync("accounts", new Dictionary<string, object?> { ["accountnumber"] = $"PG-{i}", ["_msdyn_company_value"] = company });
        }

        var sizes = new List<int>();
        var rows = await client.GetAllPagesAsync($"accounts?$filter=_msdyn_company_value eq {company}", pageSize: 3, sizes);
        var first = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"accounts?$filter=_msdyn_company_value eq {company}") { Headers = { { "Prefer", "odata.maxpagesize=3" } } });

        Assert.Equal(new[] { 3, 3, 1 }, sizes);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"PG-{i}"), rows.Select(r => (string)r["accountnumber"]!).Order(StringComparer.Ordinal));
        Assert.Equal("odata.maxpagesize=3", first.Headers.GetValues("Preference-Applied").Single());
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_answer()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "CON1");
        var columns = new[] { "name", "telephone1", "emailaddress1", "address1_city" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 128).Select(async i =>
        {
            var column = columns[i % columns.Length];
            using var write = await client.SendAsync(HttpMethod.Patch, $"accounts(accountnumber='CC-{i}',_msdyn_company_value={company})", new { name = $"n{i}" });
            var page = await client.GetJsonAsync($"accounts?$select={column}&$filter=_msdyn_company_value eq {company}");
            return (column, write.StatusCode, Context: (string)page["@odata.context"]!);
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.All(answers, a => Assert.EndsWith($"$metadata#accounts({a.column})", a.Context));
        Assert.Equal(128, services.Dataverse.Rows("accounts").Count(r => Equals(r["_msdyn_company_value"], company)));
    }

    [Fact]
    public async Task The_default_page_size_is_configurable()
    {
        await using var service = await LocalODataService.StartDataverseAsync(new LocalODataOptions
        {
            SchemaPath = ServiceFixture.Schema("dataverse.metadata.xml"),
            AccessToken = ServiceFixture.Token,
            DefaultPageSize = 2,
        });
        for (var i = 0; i < 3; i++)
        {
            await Rows.CompanyAsync(service, $"DP{i}");
        }

        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);
        var page = await client.GetJsonAsync("cdm_companies");

        Assert.Equal(2, page["value"]!.AsArray().Count);
        Assert.NotNull(page["@odata.nextLink"]);
    }

    [Fact]
    public async Task Filter_and_select_narrow_rows_and_columns()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "FLT1");
        await services.Dataverse.InsertAsync("accounts", new Dictionary<string, object?> { ["accountnumber"] = "F-1", ["name"] = "Alpha", ["creditlimit"] = 100m, ["_msdyn_company_value"] = company });
        await services.Dataverse.InsertAsync("accounts", new Dictionary<string, object?> { ["accountnumber"] = "F-2", ["name"] = "Beta", ["creditlimit"] = 2000m, ["_msdyn_company_value"] = company });
        await services.Dataverse.InsertAsync("accounts", new Dictionary<string, object?> { ["accountnumber"] = "F-3", ["name"] = null, ["creditlimit"] = 30m, ["_msdyn_company_value"] = company });

        var page = await client.GetJsonAsync($"accounts?$filter=_msdyn_company_value eq {company} and creditlimit gt 50 and name ne null&$select=name,creditlimit");
        var startsWith = await client.GetJsonAsync($"accounts?$filter=_msdyn_company_value eq {company} and startswith(name,'al')&$select=accountnumber");
        using var unsupported = await client.SendAsync(HttpMethod.Get, "accounts?$filter=name eq accountnumber");

        var rows = page["value"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(new[] { "Alpha", "Beta" }, rows.Select(r => (string)r["name"]!).Order());
        Assert.All(rows, r => Assert.Equal(new[] { "@odata.etag", "accountid", "creditlimit", "name" }, r.Select(p => p.Key).Order(StringComparer.Ordinal)));
        Assert.Equal("F-1", (string?)Assert.Single(startsWith["value"]!.AsArray())!["accountnumber"]);
        Assert.Contains("accounts(name,creditlimit", (string)page["@odata.context"]!);
        Assert.Equal(HttpStatusCode.NotImplemented, unsupported.StatusCode);
    }
}
