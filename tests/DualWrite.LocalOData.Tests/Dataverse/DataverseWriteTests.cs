using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

public sealed class DataverseWriteTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public DataverseWriteTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task Requests_without_the_bearer_token_are_401()
    {
        using var anonymous = new ODataTestClient(services.Dataverse.ServiceRoot, token: null);
        using var wrong = new ODataTestClient(services.Dataverse.ServiceRoot, token: "not-the-token");

        using var none = await anonymous.SendAsync(HttpMethod.Get, "accounts");
        using var bad = await wrong.SendAsync(HttpMethod.Post, "accounts", new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => (string?)r["name"] == "x");
    }

    [Fact]
    public async Task Metadata_is_the_schema_and_the_service_document_lists_the_entity_sets()
    {
        using var client = services.DataverseClient();

        var metadata = await client.Http.GetStringAsync("$metadata");
        var serviceDocument = await client.GetJsonAsync("");

        Assert.Contains("<EntitySet Name=\"accounts\"", metadata);
        Assert.Contains(serviceDocument["value"]!.AsArray(), s => (string?)s!["name"] == "cdm_companies");
    }

    [Fact]
    public async Task Post_creates_a_row_and_answers_204_with_its_entity_id_or_201_with_the_row_when_asked()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "PST1");
        var body = new JsonObject { ["accountnumber"] = "P-1", ["name"] = "Fabrikam", ["creditlimit"] = 1500.25m, ["msdyn_company@odata.bind"] = $"cdm_companies({company})" };

        using var created = await client.SendAsync(HttpMethod.Post, "accounts", body.ToJsonString());
        body["accountnumber"] = "P-2";
        using var represented = await client.SendAsync(HttpMethod.Post, "accounts", body.ToJsonString(), ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        var entityId = created.Headers.GetValues("OData-EntityId").Single();
        var row = await client.GetJsonAsync(entityId);
        Assert.Equal("Fabrikam", (string?)row["name"]);
        Assert.Equal(1500.25m, (decimal)row["creditlimit"]!);
        Assert.Equal(company, Guid.Parse((string)row["_msdyn_company_value"]!));
        Assert.Matches("^W/\"[0-9]+\"$", (string)row["@odata.etag"]!);
        Assert.Equal(HttpStatusCode.Created, represented.StatusCode);
        var representation = JsonNode.Parse(await represented.Content.ReadAsStringAsync())!;
        Assert.Equal("P-2", (string?)representation["accountnumber"]);
    }

    [Fact]
    public async Task Patch_by_alternate_key_upserts_and_keys_with_quotes_and_non_ascii_characters_round_trip()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "UPS1");
        const string Number = "O'Brien-Øre-東京";
        var url = $"accounts(accountnumber={Rows.Literal(Number)},_msdyn_company_value={company})";

        using var create = await client.SendAsync(HttpMethod.Patch, url, new { name = "First" });
        using var update = await client.SendAsync(HttpMethod.Patch, url, new { name = "Second" });
        var read = await client.GetJsonAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, create.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal(create.Headers.GetValues("OData-EntityId").Single(), update.Headers.GetValues("OData-EntityId").Single());
        Assert.Equal("Second", (string?)read["name"]);
        Assert.Equal(Number, (string?)read["accountnumber"]);
        var stored = Assert.Single(services.Dataverse.Rows("accounts"), r => (string?)r["accountnumber"] == Number);
        Assert.Equal(company, stored["_msdyn_company_value"]);
    }

    [Fact]
    public async Task An_upsert_whose_alternate_key_names_a_missing_lookup_row_is_refused()
    {
        using var client = services.DataverseClient();
        var missingCompany = Guid.NewGuid();

        using var response = await client.SendAsync(HttpMethod.Patch, $"accounts(accountnumber='LK-1',_msdyn_company_value={missingCompany})", new { name = "Orphan" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(missingCompany.ToString(), (string?)(await ODataTestClient.ErrorOf(response))["message"]);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => (string?)r["accountnumber"] == "LK-1");
    }

    [Fact]
    public async Task If_None_Match_star_only_creates_and_If_Match_star_only_updates()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "CND1");
        var existing = $"accounts(accountnumber='C-1',_msdyn_company_value={company})";
        var missing = $"accounts(accountnumber='C-2',_msdyn_company_value={company})";

        using var created = await client.SendAsync(HttpMethod.Patch, existing, new { name = "Created" }, ("If-None-Match", "*"));
        using var notRecreated = await client.SendAsync(HttpMethod.Patch, existing, new { name = "Again" }, ("If-None-Match", "*"));
        using var updated = await client.SendAsync(HttpMethod.Patch, existing, new { name = "Updated" }, ("If-Match", "*"));
        using var notCreated = await client.SendAsync(HttpMethod.Patch, missing, new { name = "Nope" }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, notRecreated.StatusCode);
        Assert.Equal("0x80040237", (string?)(await ODataTestClient.ErrorOf(notRecreated))["code"]);
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notCreated.StatusCode);
        Assert.Equal("Updated", (string?)(await client.GetJsonAsync(existing))["name"]);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => (string?)r["accountnumber"] == "C-2");
    }

    [Fact]
    public async Task If_Match_with_an_etag_writes_only_that_version()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "ETG1");
        var url = $"accounts(accountnumber='E-1',_msdyn_company_value={company})";
        (await client.SendAsync(HttpMethod.Patch, url, new { name = "v1" })).Dispose();
        var first = (string)(await client.GetJsonAsync(url))["@odata.etag"]!;

        using var current = await client.SendAsync(HttpMethod.Patch, url, new { name = "v2" }, ("If-Match", first));
        using var stale = await client.SendAsync(HttpMethod.Patch, url, new { name = "v3" }, ("If-Match", first));
        using var staleDelete = await client.SendAsync(HttpMethod.Delete, url, null, ("If-Match", first));
        var second = (string)(await client.GetJsonAsync(url))["@odata.etag"]!;
        using var notModified = await client.SendAsync(HttpMethod.Get, url, null, ("If-None-Match", second));

        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("v2", (string?)(await client.GetJsonAsync(url))["name"]);
    }

    [Fact]
    public async Task Lookups_bind_by_alternate_key_or_id_and_a_missing_target_is_refused()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "BND1");
        var group = await services.Dataverse.InsertAsync("msdyn_customergroups", new Dictionary<string, object?> { ["msdyn_groupid"] = "G'1", ["_msdyn_company_value"] = company });
        var groupId = (Guid)group["msdyn_customergroupid"]!;

        using var byKey = await client.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["accountnumber"] = "B-1",
            ["msdyn_company@odata.bind"] = "/cdm_companies(cdm_companycode='BND1')",
            ["msdyn_customergroupid@odata.bind"] = $"msdyn_customergroups(msdyn_groupid='G''1',_msdyn_company_value={company})",
        }.ToJsonString());
        using var missingByKey = await client.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["accountnumber"] = "B-2",
            ["msdyn_company@odata.bind"] = "cdm_companies(cdm_companycode='NOPE')",
        }.ToJsonString());
        using var missingById = await client.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["accountnumber"] = "B-3",
            ["msdyn_company@odata.bind"] = $"cdm_companies({Guid.NewGuid()})",
        }.ToJsonString());
        using var direct = await client.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["accountnumber"] = "B-4", ["_msdyn_company_value"] = company.ToString() }.ToJsonString());

        Assert.True(byKey.StatusCode == HttpStatusCode.NoContent, await byKey.Content.ReadAsStringAsync());
        var row = await client.GetJsonAsync(byKey.Headers.GetValues("OData-EntityId").Single());
        Assert.Equal(company, Guid.Parse((string)row["_msdyn_company_value"]!));
        Assert.Equal(groupId, Guid.Parse((string)row["_msdyn_customergroupid_value"]!));
        Assert.Equal(HttpStatusCode.BadRequest, missingByKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingById.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => (string?)r["accountnumber"] is "B-2" or "B-3" or "B-4");
    }

    [Fact]
    public async Task Delete_removes_the_row_and_a_second_delete_is_404()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "DEL1");
        var url = $"accounts(accountnumber='D-1',_msdyn_company_value={company})";
        (await client.SendAsync(HttpMethod.Patch, url, new { name = "Doomed" })).Dispose();

        using var deleted = await client.SendAsync(HttpMethod.Delete, url);
        using var again = await client.SendAsync(HttpMethod.Delete, url);
        using var read = await client.SendAsync(HttpMethod.Get, url);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("0x80040217", (string?)(await ODataTestClient.ErrorOf(again))["code"]);
    }

    [Fact]
    public async Task Bad_payloads_get_a_clear_400_and_write_nothing()
    {
        using var client = services.DataverseClient();

        using var unknown = await client.SendAsync(HttpMethod.Post, "accounts", new { accountnumber = "X-1", nosuchcolumn = 1 });
        using var tooLong = await client.SendAsync(HttpMethod.Post, "accounts", new { accountnumber = new string('9', 21) });
        using var wrongType = await client.SendAsync(HttpMethod.Post, "accounts", new { accountnumber = "X-3", creditlimit = "lots" });
        using var badJson = await client.SendAsync(HttpMethod.Post, "accounts", "{\"accountnumber\": ");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("nosuchcolumn", (string?)(await ODataTestClient.ErrorOf(unknown))["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("maximum allowed length of '20'", (string?)(await ODataTestClient.ErrorOf(tooLong))["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => ((string?)r["accountnumber"])?.StartsWith("X-", StringComparison.Ordinal) == true);
    }
}
