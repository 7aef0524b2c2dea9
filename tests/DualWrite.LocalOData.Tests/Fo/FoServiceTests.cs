using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Fo;

public sealed class FoServiceTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public FoServiceTests(ServiceFixture services) => this.services = services;

    private static Dictionary<string, object?> Customer(string company, string account, string? group = null) => new()
    {
        ["dataAreaId"] = company,
        ["CustomerAccount"] = account,
        ["OrganizationName"] = "Org " + account,
        ["CustomerGroupId"] = group,
        ["CreditLimit"] = 10m,
        ["PartyType"] = "Organization",
    };

    [Fact]
    public async Task Reads_see_the_default_company_unless_cross_company_and_keys_carry_dataAreaId()
    {
        using var client = services.FoClient();
        await services.Fo.InsertAsync("CustomersV3", Customer("usmf", "XC-1", "CC"));
        await services.Fo.InsertAsync("CustomersV3", Customer("demf", "XC-2", "CC"));

        var own = await client.GetJsonAsync("CustomersV3?$filter=CustomerGroupId eq 'CC'");
        var all = await client.GetJsonAsync("CustomersV3?$filter=CustomerGroupId eq 'CC'&cross-company=true");
        var other = await client.GetJsonAsync("CustomersV3(dataAreaId='demf',CustomerAccount='XC-2')");

        Assert.Equal(new[] { "XC-1" }, own["value"]!.AsArray().Select(r => (string)r!["CustomerAccount"]!));
        Assert.Equal(new[] { "XC-1", "XC-2" }, all["value"]!.AsArray().Select(r => (string)r!["CustomerAccount"]!).Order(StringComparer.Ordinal));
        Assert.Equal("demf", (string?)other["dataAreaId"]);
    }

    [Fact]
    public async Task Post_answers_201_with_the_row_in_the_default_company_and_a_duplicate_key_is_refused()
    {
        using var client = services.FoClient();
        var body = new JsonObject { ["CustomerAccount"] = "PC-1", ["OrganizationName"] = "Contoso", ["PartyType"] = "Organization", ["CreditLimit"] = 5 };

        using var created = await client.SendAsync(HttpMethod.Post, "CustomersV3", body.ToJsonString());
        using var duplicate = await client.SendAsync(HttpMethod.Post, "CustomersV3", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("usmf", (string?)row["dataAreaId"]);
        Assert.Equal("Organization", (string?)row["PartyType"]);
        Assert.Equal("No", (string?)row["OnHoldStatus"]);
        Assert.EndsWith("CustomersV3(dataAreaId='usmf',CustomerAccount='PC-1')", created.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Single(services.Fo.Rows("CustomersV3"), r => (string?)r["CustomerAccount"] == "PC-1");
    }

    [Fact]
    public async Task Related_table_values_must_exist_in_the_same_company()
    {
        using var client = services.FoClient();
        await services.Fo.InsertAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["CustomerGroupId"] = "RG1" });
        await services.Fo.InsertAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "demf", ["CustomerGroupId"] = "RG2" });

        using var related = await client.SendAsync(HttpMethod.Post, "CustomersV3", new { CustomerAccount = "RG-1", CustomerGroupId = "RG1" });
        using var otherCompany = await client.SendAsync(HttpMethod.Post, "CustomersV3", new { CustomerAccount = "RG-2", CustomerGroupId = "RG2" });
        using var changedToMissing = await client.SendAsync(HttpMethod.Patch, "CustomersV3(dataAreaId='usmf',CustomerAccount='RG-1')", new { CustomerGroupId = "NOPE" });
        using var cleared = await client.SendAsync(HttpMethod.Patch, "CustomersV3(dataAreaId='usmf',CustomerAccount='RG-1')", new { CustomerGroupId = "" });

        Assert.Equal(HttpStatusCode.Created, related.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherCompany.StatusCode);
        Assert.Contains("'RG2' in field 'CustomerGroupId'", (string?)(await ODataTestClient.ErrorOf(otherCompany))["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, changedToMissing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.DoesNotContain(services.Fo.Rows("CustomersV3"), r => (string?)r["CustomerAccount"] == "RG-2");
    }

    [Fact]
    public async Task Patch_updates_but_never_creates_and_delete_removes()
    {
        using var client = services.FoClient();
        await services.Fo.InsertAsync("CustomersV3", Customer("usmf", "PD-1"));
        const string Url = "CustomersV3(dataAreaId='usmf',CustomerAccount='PD-1')";

        using var updated = await client.SendAsync(HttpMethod.Patch, Url, new { OrganizationName = "Renamed", OnHoldStatus = "All" });
        using var missing = await client.SendAsync(HttpMethod.Patch, "CustomersV3(dataAreaId='usmf',CustomerAccount='PD-404')", new { OrganizationName = "Ghost" });
        var row = await client.GetJsonAsync(Url);
        using var deleted = await client.SendAsync(HttpMethod.Delete, Url);

        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Equal("Renamed", (string?)row["OrganizationName"]);
        Assert.Equal("All", (string?)row["OnHoldStatus"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(services.Fo.Rows("CustomersV3"), r => (string?)r["CustomerAccount"] is "PD-1" or "PD-404");
    }

    [Fact]
    public async Task Enums_filter_by_qualified_literal_and_travel_as_member_names()
    {
        using var client = services.FoClient();
        await services.Fo.InsertAsync("VendorsV2", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["VendorAccountNumber"] = "EN-1", ["IsOneTimeVendor"] = "Yes" });
        await services.Fo.InsertAsync("VendorsV2", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["VendorAccountNumber"] = "EN-2", ["IsOneTimeVendor"] = "No" });

        var yes = await client.GetJsonAsync("VendorsV2?$filter=IsOneTimeVendor eq Microsoft.Dynamics.DataEntities.NoYes'Yes' and startswith(VendorAccountNumber,'EN-')");
        using var badMember = await client.SendAsync(HttpMethod.Patch, "VendorsV2(dataAreaId='usmf',VendorAccountNumber='EN-1')", new { IsOneTimeVendor = "Maybe" });

        var row = Assert.Single(yes["value"]!.AsArray())!;
        Assert.Equal("EN-1", (string?)row["VendorAccountNumber"]);
        Assert.Equal("Yes", (string?)row["IsOneTimeVendor"]);
        Assert.Equal(HttpStatusCode.BadRequest, badMember.StatusCode);
    }

    [Fact]
    public async Task Every_write_stamps_the_row_modified_time_and_etag()
    {
        using var client = services.FoClient();
        var before = await services.Fo.InsertAsync("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["CustomerGroupId"] = "MT1" });

        using var updated = await client.SendAsync(HttpMethod.Patch, "CustomerGroups(dataAreaId='usmf',CustomerGroupId='MT1')", new { Description = "Stamped" });
        var after = services.Fo.Find("CustomerGroups", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["CustomerGroupId"] = "MT1" })!;

        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.True(after.Modified > before.Modified);
        Assert.NotEqual(before.ETag, after.ETag);
    }

    [Fact]
    public async Task ModifiedDateTime1_is_stamped_by_the_service_ignores_client_values_and_filters_changes()
    {
        using var client = services.FoClient();
        var groups = new[] { "MD1", "MD2" };
        foreach (var group in groups)
        {
            await services.Fo.InsertAsync("VendorGroups", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["VendorGroupId"] = group });
        }

        var cursor = services.Fo.Find("VendorGroups", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["VendorGroupId"] = "MD2" })!;
        var since = (DateTimeOffset)cursor["ModifiedDateTime1"]!;
        using var updated = await client.SendAsync(HttpMethod.Patch, "VendorGroups(dataAreaId='usmf',VendorGroupId='MD1')",
            new { Description = "Changed", ModifiedDateTime1 = "2001-01-01T00:00:00Z" });
        var changed = await client.GetJsonAsync($"VendorGroups?$filter=ModifiedDateTime1 gt {since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}&$orderby=ModifiedDateTime1");

        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        var row = Assert.Single(changed["value"]!.AsArray())!;
        Assert.Equal("MD1", (string?)row["VendorGroupId"]);
        Assert.True(DateTimeOffset.Parse((string)row["ModifiedDateTime1"]!, System.Globalization.CultureInfo.InvariantCulture) > since);
    }

    [Fact]
    public async Task Paging_follows_next_links_across_the_default_company()
    {
        using var client = services.FoClient();
        for (var i = 0; i < 5; i++)
        {
            await services.Fo.InsertAsync("ContactPersonsV2", new Dictionary<string, object?> { ["dataAreaId"] = "usmf", ["ContactPersonId"] = $"CP-{i}" });
        }

        await services.Fo.InsertAsync("ContactPersonsV2", new Dictionary<string, object?> { ["dataAreaId"] = "demf", ["ContactPersonId"] = "CP-9" });

        var sizes = new List<int>();
        var rows = await client.GetAllPagesAsync("ContactPersonsV2", pageSize: 2, sizes);
        var skipped = await client.GetAllPagesAsync("ContactPersonsV2?$skip=3", pageSize: 2);

        Assert.Equal(new[] { 2, 2, 1 }, sizes);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"CP-{i}"), rows.Select(r => (string)r["ContactPersonId"]!));
        Assert.Equal(new[] { "CP-3", "CP-4" }, skipped.Select(r => (string)r["ContactPersonId"]!));
    }

    [Fact]
    public async Task A_changeset_is_atomic()
    {
        using var client = services.FoClient();
        var batch = new BatchBuilder(services.Fo.ServiceRoot)
            .BeginChangeset()
            .Add("POST", "VendorGroups", "{\"dataAreaId\":\"usmf\",\"VendorGroupId\":\"AT1\"}")
            .Add("POST", "VendorGroups", "{\"dataAreaId\":\"usmf\",\"VendorGroupId\":\"AT2\",\"Description\":\"" + new string('x', 61) + "\"}")
            .EndChangeset()
            .BeginChangeset()
            .Add("POST", "VendorGroups", "{\"dataAreaId\":\"usmf\",\"VendorGroupId\":\"AT3\"}")
            .EndChangeset();

        using var response = await client.Http.SendAsync(batch.Build(("Prefer", "odata.continue-on-error")));
        var operations = await BatchResponseReader.ReadAsync(response);

        Assert.Equal(new[] { 400, 201 }, operations.Select(o => o.Status));
        Assert.Equal(new[] { "AT3" }, services.Fo.Rows("VendorGroups").Select(r => (string)r["VendorGroupId"]!).Where(g => g.StartsWith("AT", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Change_tracking_is_not_offered_over_OData()
    {
        using var client = services.FoClient();

        using var response = await client.SendAsync(HttpMethod.Get, "CustomersV3", null, ("Prefer", "odata.track-changes"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
