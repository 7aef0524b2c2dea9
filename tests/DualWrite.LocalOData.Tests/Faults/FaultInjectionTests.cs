using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Limits;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Faults;

public sealed class FaultInjectionTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public FaultInjectionTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task Throttling_answers_429_with_Retry_After_for_the_next_matching_requests_only()
    {
        using var client = services.FoClient();
        var rule = services.Fo.Faults.Inject(Fault.Throttle(TimeSpan.FromSeconds(2.5)), times: 2, method: "GET", pathContains: "CustomerGroups");

        using var other = await client.SendAsync(HttpMethod.Get, "VendorGroups");
        using var first = await client.SendAsync(HttpMethod.Get, "CustomerGroups");
        using var second = await client.SendAsync(HttpMethod.Get, "CustomerGroups?$top=1");
        using var third = await client.SendAsync(HttpMethod.Get, "CustomerGroups");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, rule.Hits);
        Assert.Empty(services.Fo.Faults.Pending);
    }

    [Fact]
    public async Task Server_errors_do_not_execute_the_request()
    {
        using var client = services.DataverseClient();
        services.Dataverse.Faults.Inject(Fault.ServerError(503, TimeSpan.FromSeconds(1)), method: "POST", pathContains: "cdm_companies");
        services.Dataverse.Faults.Inject(Fault.ServerError(), method: "POST", pathContains: "cdm_companies");

        using var unavailable = await client.SendAsync(HttpMethod.Post, "cdm_companies", new { cdm_companycode = "SE1" });
        using var failed = await client.SendAsync(HttpMethod.Post, "cdm_companies", new { cdm_companycode = "SE1" });
        using var succeeded = await client.SendAsync(HttpMethod.Post, "cdm_companies", new { cdm_companycode = "SE1" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), unavailable.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, succeeded.StatusCode);
        Assert.Single(services.Dataverse.Rows("cdm_companies"), r => (string?)r["cdm_companycode"] == "SE1");
    }

    [Fact]
    public async Task A_connection_dropped_before_processing_writes_nothing()
    {
        using var client = services.DataverseClient();
        services.Dataverse.Faults.Inject(Fault.DropBeforeProcessing(), method: "POST");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(HttpMethod.Post, "cdm_companies", new { cdm_companycode = "DB1" }));

        Assert.DoesNotContain(services.Dataverse.Rows("cdm_companies"), r => (string?)r["cdm_companycode"] == "DB1");
        Assert.Contains(services.Dataverse.Requests.Entries, e => e is { Status: 0, Fault: FaultKind.DropBeforeProcessing });
    }

    [Fact]
    public async Task A_batch_whose_connection_drops_mid_response_has_committed_so_a_retry_must_be_safe()
    {
        using var client = services.DataverseClient();
        var company = await Rows.CompanyAsync(services.Dataverse, "DMR1");
        services.Dataverse.Faults.Inject(Fault.DropMidResponse(), pathContains: "$batch");
        var batch = new BatchBuilder(services.Dataverse.ServiceRoot).BeginChangeset();
        for (var i = 0; i < 3; i++)
        {
            batch.Add("PATCH", $"accounts(accountnumber='M-{i}',_msdyn_company_value={company})", $"{{\"name\":\"n{i}\"}}", ("If-None-Match", "*"));
        }

        var request = batch.EndChangeset().Build();
        var dropped = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        });

        Assert.True(dropped is HttpRequestException or System.IO.IOException, $"Expected a dropped connection, got {dropped}");
        Assert.Equal(3, services.Dataverse.Rows("accounts").Count(r => Equals(r["_msdyn_company_value"], company)));
        var retry = batch.Build();
        using var retried = await client.Http.SendAsync(retry);
        var operations = await BatchResponseReader.ReadAsync(retried);
        Assert.Equal(412, Assert.Single(operations).Status);
        Assert.Equal(3, services.Dataverse.Rows("accounts").Count(r => Equals(r["_msdyn_company_value"], company)));
    }

    [Fact]
    public async Task A_hung_request_still_executes_after_the_client_gave_up()
    {
        using var client = services.DataverseClient();
        var rule = services.Dataverse.Faults.Inject(Fault.Hang(TimeSpan.FromSeconds(3)), method: "POST");
        using var giveUp = new CancellationTokenSource();
        var request = new HttpRequestMessage(HttpMethod.Post, "cdm_companies") { Content = new StringContent("{\"cdm_companycode\":\"HG1\"}", System.Text.Encoding.UTF8, "application/json") };

        // The client gives up once the service holds the request, as a client timeout would.
        var sending = client.Http.SendAsync(request, giveUp.Token);
        while (rule.Hits == 0 && !sending.IsCompleted)
        {
            await Task.Delay(10);
        }

        await giveUp.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => sending);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!services.Dataverse.Rows("cdm_companies").Any(r => (string?)r["cdm_companycode"] == "HG1") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Single(services.Dataverse.Rows("cdm_companies"), r => (string?)r["cdm_companycode"] == "HG1");
    }

    [Fact]
    public async Task Failing_the_kth_operation_rolls_the_changeset_back()
    {
        using var client = services.FoClient();
        services.Fo.Faults.Inject(Fault.FailChangesetOperation(2), pathContains: "$batch");
        var batch = new BatchBuilder(services.Fo.ServiceRoot)
            .BeginChangeset()
            .Add("POST", "CustomerGroups", "{\"CustomerGroupId\":\"FK1\"}")
            .Add("POST", "CustomerGroups", "{\"CustomerGroupId\":\"FK2\"}")
            .Add("POST", "CustomerGroups", "{\"CustomerGroupId\":\"FK3\"}")
            .EndChangeset();

        using var response = await client.Http.SendAsync(batch.Build());
        var operations = await BatchResponseReader.ReadAsync(response);

        var failure = Assert.Single(operations);
        Assert.Equal(500, failure.Status);
        Assert.Equal("2", failure.ContentId);
        Assert.DoesNotContain(services.Fo.Rows("CustomerGroups"), r => ((string)r["CustomerGroupId"]!).StartsWith("FK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_limit_throttles_with_the_seconds_left_in_the_window()
    {
        await using var service = await LocalODataService.StartFoAsync(new LocalODataOptions
        {
            SchemaPath = ServiceFixture.Schema("fo.metadata.xml"),
            AccessToken = ServiceFixture.Token,
            ServiceProtection = new ServiceProtectionLimits { RequestsPerWindow = 2 },
        });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.SendAsync(HttpMethod.Get, "ProductsV2");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }, statuses);
        Assert.InRange(last!.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        last.Dispose();
    }

    [Fact]
    public async Task The_request_log_has_method_url_and_status_and_never_the_token()
    {
        using var client = services.FoClient();
        services.Fo.Requests.Clear();

        using var ok = await client.SendAsync(HttpMethod.Get, "ProductsV2?$top=1");
        using var missing = await client.SendAsync(HttpMethod.Get, "ProductsV2('NOPE')");

        var entries = services.Fo.Requests.Entries;
        Assert.Equal(new[] { ("GET", "/data/ProductsV2?$top=1", 200), ("GET", "/data/ProductsV2('NOPE')", 404) },
            entries.Select(e => (e.Method, Uri.UnescapeDataString(e.Url), e.Status)));
        Assert.DoesNotContain(entries, e => e.ToString().Contains(ServiceFixture.Token, StringComparison.Ordinal));
    }
}
