using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Dataverse;

public sealed class DataverseBatchTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public DataverseBatchTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task A_changeset_commits_every_operation_and_answers_each_with_its_content_id()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "BAT1");
        var batch = new BatchBuilder(services.Dataverse.ServiceRoot)
            .BeginChangeset()
            .Add("PATCH", $"accounts(accountnumber='A-1',_msdyn_company_value={company})", "{\"name\":\"One\"}")
            .Add("POST", "accounts", $"{{\"accountnumber\":\"A-2\",\"name\":\"Two\",\"msdyn_company@odata.bind\":\"cdm_companies({company})\"}}")
            .Add("PATCH", $"accounts(accountnumber='A-1',_msdyn_company_value={company})", "{\"name\":\"One again\"}")
            .EndChangeset()
            .Add("GET", $"accounts?$filter=_msdyn_company_value eq {company}&$select=name");

        using var response = await client.Http.SendAsync(batch.Build());
        var operations = await BatchResponseReader.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "1", "2", "3" }, operations.Where(o => o.InChangeset).Select(o => o.ContentId));
        Assert.All(operations.Where(o => o.InChangeset), o => Assert.Equal(204, o.Status));
        var read = operations.Single(o => !o.InChangeset);
        Assert.Equal(200, read.Status);
        Assert.Contains("One again", read.Body);
        Assert.Contains("\"Two\"", read.Body);
        Assert.Equal(2, services.Dataverse.Rows("accounts").Count(r => Equals(r["_msdyn_company_value"], company)));
    }

    [Fact]
    public async Task A_bind_sees_a_row_created_earlier_in_the_same_changeset()
    {
        using var client = services.DataverseClient();
        var batch = new BatchBuilder(services.Dataverse.ServiceRoot)
            .BeginChangeset()
            .Add("PATCH", "cdm_companies(cdm_companycode='BAT5')", "{\"cdm_name\":\"Created in the changeset\"}")
            .Add("POST", "accounts", "{\"accountnumber\":\"BC-1\",\"msdyn_company@odata.bind\":\"cdm_companies(cdm_companycode='BAT5')\"}")
            .EndChangeset();

        using var response = await client.Http.SendAsync(batch.Build());
        var operations = await BatchResponseReader.ReadAsync(response);

        Assert.Equal(new[] { 204, 204 }, operations.Select(o => o.Status));
        var company = Assert.Single(services.Dataverse.Rows("cdm_companies"), r => (string?)r["cdm_companycode"] == "BAT5");
        Assert.Equal(company["cdm_companyid"], Assert.Single(services.Dataverse.Rows("accounts"), r => (string?)r["accountnumber"] == "BC-1")["_msdyn_company_value"]);
    }

    [Fact]
    public async Task Content_id_references_name_rows_written_earlier_in_the_changeset()
    {
        using var client = services.DataverseClient();
        var batch = new BatchBuilder(services.Dataverse.ServiceRoot)
            .BeginChangeset()
            .Add("POST", "cdm_companies", "{\"cdm_companycode\":\"BAT6\"}")
            .Add("POST", "accounts", "{\"accountnumber\":\"CR-1\",\"msdyn_company@odata.bind\":\"$1\"}")
            .Add("PATCH", "$1", "{\"cdm_name\":\"Named through $1\"}")
            .EndChangeset();

        using var response = await client.Http.SendAsync(batch.Build());
        var operations = await BatchResponseReader.ReadAsync(response);

        Assert.Equal(new[] { 204, 204, 204 }, operations.Select(o => o.Status));
        var company = Assert.Single(services.Dataverse.Rows("cdm_companies"), r => (string?)r["cdm_companycode"] == "BAT6");
        Assert.Equal("Named through $1", company["cdm_name"]);
        Assert.Equal(company["cdm_companyid"], Assert.Single(services.Dataverse.Rows("accounts"), r => (string?)r["accountnumber"] == "CR-1")["_msdyn_company_value"]);
    }

    [Fact]
    public async Task A_changeset_failing_half_way_leaves_nothing_behind_and_names_the_failing_operation()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "BAT2");
        var batch = new BatchBuilder(services.Dataverse.ServiceRoot).BeginChangeset();
        for (var i = 1; i <= 5; i++)
        {
            var bind = i == 3 ? "cdm_companies(cdm_companycode='MISSING')" : $"cdm_companies({company})";
            batch.Add("POST", "accounts", $"{{\"accountnumber\":\"H-{i}\",\"msdyn_company@odata.bind\":\"{bind}\"}}");
        }

        services.Dataverse.Requests.Clear();
        using var response = await client.Http.SendAsync(batch.EndChangeset().Build());
        var operations = await BatchResponseReader.ReadAsync(response);

        var failure = Assert.Single(operations);
        Assert.Equal("3", failure.ContentId);
        Assert.Equal(400, failure.Status);
        Assert.Contains("operation 3 of 5", failure.Body);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => ((string?)r["accountnumber"])?.StartsWith("H-", StringComparison.Ordinal) == true);
        var logged = Assert.Single(services.Dataverse.Requests.Entries).BatchOperations;
        Assert.Equal(new[] { 424, 424, 400 }, logged.Select(o => o.Status));
    }

    [Fact]
    public async Task A_changeset_of_1000_operations_commits_and_a_batch_of_1001_is_refused_whole()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "BAT3");
        BatchBuilder Batch(string prefix, int count)
        {
            var batch = new BatchBuilder(services.Dataverse.ServiceRoot).BeginChangeset();
            for (var i = 0; i < count; i++)
            {
                batch.Add("PATCH", $"accounts(accountnumber='{prefix}{i}',_msdyn_company_value={company})", $"{{\"name\":\"n{i}\"}}");
            }

            return batch.EndChangeset();
        }

        using var thousand = await client.Http.SendAsync(Batch("K-", 1000).Build());
        var operations = await BatchResponseReader.ReadAsync(thousand);
        using var tooMany = await client.Http.SendAsync(Batch("L-", 1001).Build());

        Assert.Equal(1000, operations.Count(o => o.Status == 204));
        Assert.Equal(1000, services.Dataverse.Rows("accounts").Count(r => ((string?)r["accountnumber"])?.StartsWith("K-", StringComparison.Ordinal) == true));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("exceeds the limit of 1000", (string?)(await ODataTestClient.ErrorOf(tooMany))["message"]);
        Assert.DoesNotContain(services.Dataverse.Rows("accounts"), r => ((string?)r["accountnumber"])?.StartsWith("L-", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Requests_outside_changesets_stop_at_the_first_failure_unless_continue_on_error()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "BAT4");
        BatchBuilder Batch(string prefix) => new BatchBuilder(services.Dataverse.ServiceRoot)
            .Add("PATCH", $"accounts(accountnumber='{prefix}1',_msdyn_company_value={company})", "{\"name\":\"ok\"}")
            .Add("PATCH", $"accounts(accountnumber='{prefix}2',_msdyn_company_value={company})", "{\"nosuchcolumn\":1}")
            .Add("PATCH", $"accounts(accountnumber='{prefix}3',_msdyn_company_value={company})", "{\"name\":\"ok\"}");

        using var stopping = await client.Http.SendAsync(Batch("S-").Build());
        var stopped = await BatchResponseReader.ReadAsync(stopping);
        using var continuing = await client.Http.SendAsync(Batch("T-").Build(("Prefer", "odata.continue-on-error")));
        var continued = await BatchResponseReader.ReadAsync(continuing);

        Assert.Equal(new[] { 204, 400 }, stopped.Select(o => o.Status));
        Assert.Equal(new[] { 204, 400, 204 }, continued.Select(o => o.Status));
        Assert.Equal(new[] { "S-1", "T-1", "T-3" }, services.Dataverse.Rows("accounts")
            .Select(r => (string?)r["accountnumber"]).Where(n => n is not null && (n.StartsWith("S-", StringComparison.Ordinal) || n.StartsWith("T-", StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }
}
