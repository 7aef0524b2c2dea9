using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

/// <summary>Clearing a lookup, as Dataverse documents it: <c>"nav@odata.bind": null</c> or <c>"nav": null</c> in a PATCH.</summary>
public sealed class DataverseLookupClearTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public DataverseLookupClearTests(ServiceFixture services) => this.services = services;

    private LocalODataService Dataverse => services.Dataverse;

    [Fact]
    public async Task A_null_bind_or_a_null_navigation_property_clears_the_lookup_column()
    {
        using var client = services.DataverseClient();
        var (company, group) = await CompanyAndGroupAsync("CLR1");
        var bound = await AccountAsync(company, group, "CL-1");
        var navigation = await AccountAsync(company, group, "CL-2");

        using var byBind = await client.SendAsync(HttpMethod.Patch, bound, "{\"name\":\"Cleared by bind\",\"msdyn_customergroupid@odata.bind\":null}", ("If-Match", "*"));
        using var byNavigation = await client.SendAsync(HttpMethod.Patch, navigation, "{\"msdyn_customergroupid\":null}", ("If-Match", "*"));

        Assert.True(byBind.StatusCode == HttpStatusCode.NoContent, await byBind.Content.ReadAsStringAsync());
        Assert.True(byNavigation.StatusCode == HttpStatusCode.NoContent, await byNavigation.Content.ReadAsStringAsync());
        var first = Account("CL-1");
        Assert.Null(first["_msdyn_customergroupid_value"]);
        Assert.Equal("Cleared by bind", first["name"]);
        Assert.Equal(company, first["_msdyn_company_value"]);
        Assert.Null(Account("CL-2")["_msdyn_customergroupid_value"]);
    }

    [Fact]
    public async Task A_null_bind_clears_the_lookup_inside_a_changeset()
    {
        using var client = services.DataverseClient();
        var (company, group) = await CompanyAndGroupAsync("CLR2");
        var url = await AccountAsync(company, group, "CL-3");
        var batch = new BatchBuilder(Dataverse.ServiceRoot)
            .BeginChangeset()
            .Add("PATCH", url, "{\"msdyn_customergroupid@odata.bind\":null}")
            .Add("PATCH", url, "{\"name\":\"After the clear\"}")
            .EndChangeset();

        using var response = await client.Http.SendAsync(batch.Build());
        var operations = await BatchResponseReader.ReadAsync(response);

        Assert.Equal(new[] { 204, 204 }, operations.Select(o => o.Status));
        var row = Account("CL-3");
        Assert.Null(row["_msdyn_customergroupid_value"]);
        Assert.Equal("After the clear", row["name"]);
    }

    [Fact]
    public async Task A_null_bind_of_anything_but_a_single_valued_navigation_property_is_a_400_that_writes_nothing()
    {
        using var client = services.DataverseClient();
        var (company, group) = await CompanyAndGroupAsync("CLR3");
        var url = await AccountAsync(company, group, "CL-4");

        using var structural = await client.SendAsync(HttpMethod.Patch, url, "{\"msdyn_customergroupid@odata.bind\":null,\"name@odata.bind\":null}", ("If-Match", "*"));
        using var collection = await client.SendAsync(HttpMethod.Patch, url, "{\"msdyn_customergroupid@odata.bind\":null,\"contact_customer_accounts@odata.bind\":null}", ("If-Match", "*"));
        using var batch = await client.Http.SendAsync(new BatchBuilder(Dataverse.ServiceRoot)
            .BeginChangeset()
            .Add("PATCH", url, "{\"msdyn_customergroupid@odata.bind\":null}")
            .Add("PATCH", url, "{\"nosuchlookup@odata.bind\":null}")
            .EndChangeset()
            .Build());
        var inChangeset = await BatchResponseReader.ReadAsync(batch);

        Assert.Equal(HttpStatusCode.BadRequest, structural.StatusCode);
        Assert.Contains("'name' is not a single-valued navigation property of 'accounts'", (string?)(await ODataTestClient.ErrorOf(structural))["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, collection.StatusCode);
        Assert.Contains("'contact_customer_accounts' is not a single-valued navigation property", (string?)(await ODataTestClient.ErrorOf(collection))["message"]);
        var failure = Assert.Single(inChangeset);
        Assert.Equal(("2", 400), (failure.ContentId, failure.Status));
        Assert.Equal(group, Account("CL-4")["_msdyn_customergroupid_value"]);
    }

    [Fact]
    public async Task The_FO_service_refuses_a_null_bind_as_ODataLib_does()
    {
        using var client = services.FoClient();

        using var response = await client.SendAsync(HttpMethod.Post, "CustomerGroups", "{\"dataAreaId\":\"usmf\",\"CustomerGroupId\":\"CLR2\",\"Description@odata.bind\":null}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("odata.bind", (string?)(await ODataTestClient.ErrorOf(response))["message"]);
        Assert.DoesNotContain(services.Fo.Rows("CustomerGroups"), r => (string?)r["CustomerGroupId"] == "CLR2");
    }

    private async Task<(Guid Company, Guid Group)> CompanyAndGroupAsync(string code)
    {
        var company = await Rows.CompanyAsync(Dataverse, code);
        var group = await Dataverse.InsertAsync("msdyn_customergroups", new Dictionary<string, object?> { ["msdyn_groupid"] = "30", ["_msdyn_company_value"] = company });
        return (company, (Guid)group["msdyn_customergroupid"]!);
    }

    private async Task<string> AccountAsync(Guid company, Guid group, string number)
    {
        await Dataverse.InsertAsync("accounts", new Dictionary<string, object?>
        {
            ["accountnumber"] = number, ["name"] = number, ["_msdyn_company_value"] = company, ["_msdyn_customergroupid_value"] = group,
        });
        Assert.Equal(group, Account(number)["_msdyn_customergroupid_value"]);
        return $"accounts(accountnumber='{number}',_msdyn_company_value={company})";
    }

    private ServiceRow Account(string number) => Dataverse.Rows("accounts").Single(r => (string?)r["accountnumber"] == number);
}
