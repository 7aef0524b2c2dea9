using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

public sealed class DataverseBulkOperationTests : IClassFixture<ServiceFixture>
{
    private const string CompanyType = "Microsoft.Dynamics.CRM.cdm_company";
    private readonly ServiceFixture services;

    public DataverseBulkOperationTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task UpsertMultiple_creates_and_updates_by_alternate_key_and_each_write_shows_in_change_tracking()
    {
        using var client = services.DataverseClient();
        var existing = await Rows.CompanyAsync(services.Dataverse, "BU1");
        var deltaLink = await DeltaLinkAsync(client);

        using var response = await client.SendAsync(HttpMethod.Post, "cdm_companies/Microsoft.Dynamics.CRM.UpsertMultiple", Targets(
            Target("cdm_companies(cdm_companycode='BU1')", "Updated"),
            Target("cdm_companies(cdm_companycode='BU2')", "Created")));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Updated", services.Dataverse.Find("cdm_companies", Key(existing))!["cdm_name"]);
        Assert.Equal("Created", Assert.Single(services.Dataverse.Rows("cdm_companies"), r => (string?)r["cdm_companycode"] == "BU2")["cdm_name"]);
        var delta = await client.GetJsonAsync(deltaLink);
        Assert.Equal(new[] { "Created", "Updated" }, delta["value"]!.AsArray().Select(e => (string)e!["cdm_name"]!).Order());
    }

    [Fact]
    public async Task CreateMultiple_answers_the_ids_in_the_order_of_the_targets_and_UpdateMultiple_updates_by_primary_key()
    {
        using var client = services.DataverseClient();

        using var created = await client.SendAsync(HttpMethod.Post, "cdm_companies/Microsoft.Dynamics.CRM.CreateMultiple", Targets(
            new JsonObject { ["@odata.type"] = CompanyType, ["cdm_companycode"] = "BC1" },
            new JsonObject { ["@odata.type"] = CompanyType, ["cdm_companycode"] = "BC2" }));
        var ids = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["Ids"]!.AsArray().Select(i => Guid.Parse((string)i!)).ToList();
        using var updated = await client.SendAsync(HttpMethod.Post, "cdm_companies/Microsoft.Dynamics.CRM.UpdateMultiple", Targets(
            ids.Select((id, i) => new JsonObject { ["@odata.type"] = CompanyType, ["cdm_companyid"] = id.ToString(), ["cdm_name"] = $"Name {i}" }).ToArray()));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Equal(new[] { ("BC1", "Name 0"), ("BC2", "Name 1") },
            ids.Select(id => services.Dataverse.Find("cdm_companies", Key(id))!).Select(r => ((string)r["cdm_companycode"]!, (string)r["cdm_name"]!)));
    }

    [Fact]
    public async Task One_bad_record_fails_the_whole_request_with_its_error_and_writes_nothing()
    {
        using var client = services.DataverseClient();
        var deltaLink = await DeltaLinkAsync(client);
        var targets = Enumerable.Range(0, 10).Select(i => Target($"cdm_companies(cdm_companycode='BF{i}')", $"Name {i}")).ToArray();
        targets[6]["cdm_name"] = new string('x', 101); // cdm_name has MaxLength 100

        using var response = await client.SendAsync(HttpMethod.Post, "cdm_companies/Microsoft.Dynamics.CRM.UpsertMultiple", Targets(targets));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("0x80044331", (string?)error["code"]);
        Assert.DoesNotContain(services.Dataverse.Rows("cdm_companies"), r => ((string)r["cdm_companycode"]!).StartsWith("BF", StringComparison.Ordinal));
        Assert.Empty((await client.GetJsonAsync(deltaLink))["value"]!.AsArray());
    }

    [Fact]
    public async Task A_target_without_its_odata_type_is_refused_and_nothing_is_written()
    {
        using var client = services.DataverseClient();
        var untyped = Target("cdm_companies(cdm_companycode='BT2')", "Untyped");
        untyped.Remove("@odata.type");

        using var response = await client.SendAsync(HttpMethod.Post, "cdm_companies/Microsoft.Dynamics.CRM.UpsertMultiple",
            Targets(Target("cdm_companies(cdm_companycode='BT1')", "Typed"), untyped));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("@odata.type", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(services.Dataverse.Rows("cdm_companies"), r => ((string)r["cdm_companycode"]!).StartsWith("BT", StringComparison.Ordinal));
    }

    private static async Task<string> DeltaLinkAsync(ODataTestClient client)
    {
        using var initial = await client.SendAsync(HttpMethod.Get, "cdm_companies?$select=cdm_companycode,cdm_name", null, ("Prefer", "odata.track-changes"));
        var page = JsonNode.Parse(await initial.Content.ReadAsStringAsync())!;
        while (page["@odata.nextLink"] is { } next)
        {
            page = await client.GetJsonAsync((string)next!, ("Prefer", "odata.track-changes"));
        }

        return (string)page["@odata.deltaLink"]!;
    }

    private static JsonObject Target(string id, string name) =>
        new() { ["@odata.type"] = CompanyType, ["@odata.id"] = id, ["cdm_name"] = name };

    private static string Targets(params JsonObject[] targets) => new JsonObject { ["Targets"] = new JsonArray(targets) }.ToJsonString();

    private static System.Collections.Generic.Dictionary<string, object?> Key(Guid id) => new() { ["cdm_companyid"] = id };
}
