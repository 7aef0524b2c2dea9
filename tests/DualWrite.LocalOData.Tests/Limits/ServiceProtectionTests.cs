using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Limits;
using DualWrite.LocalOData.Tests.Support;

namespace DualWrite.LocalOData.Tests.Limits;

public sealed class ServiceProtectionTests
{
    private const string OtherToken = "other-user-token-91c2";

    [Fact]
    public async Task The_request_limit_counts_down_in_the_headers_and_refuses_the_request_past_it()
    {
        var clock = new ManualClock();
        await using var service = await StartDataverseAsync(clock, new ServiceProtectionLimits { RequestsPerWindow = 3, Window = TimeSpan.FromSeconds(60) });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);

        var remaining = new int[3];
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.SendAsync(HttpMethod.Get, "accounts");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining[i] = int.Parse(Header(ok, "x-ms-ratelimit-burst-remaining-xrm-requests"));
        }

        using var refused = await client.SendAsync(HttpMethod.Get, "accounts");

        Assert.Equal(new[] { 2, 1, 0 }, remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter!.Delta);
        var error = await ErrorAsync(refused);
        Assert.Equal("0x80072322", error["code"]!.GetValue<string>());
        Assert.Equal("Number of requests exceeded the limit of 3 over time window of 60 seconds.", error["message"]!.GetValue<string>());
        Assert.Equal("0", Header(refused, "x-ms-ratelimit-burst-remaining-xrm-requests"));
    }

    [Fact]
    public async Task Retry_After_says_when_the_sliding_window_lets_the_next_request_in()
    {
        var clock = new ManualClock();
        await using var service = await StartDataverseAsync(clock, new ServiceProtectionLimits { RequestsPerWindow = 2, Window = TimeSpan.FromSeconds(60) });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        using (var first = await client.SendAsync(HttpMethod.Get, "accounts"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(40), first.Headers.RetryAfter!.Delta);
        }

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        using var second = await client.SendAsync(HttpMethod.Get, "accounts");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), second.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Each_user_has_limits_of_its_own()
    {
        var clock = new ManualClock();
        await using var service = await StartDataverseAsync(clock, new ServiceProtectionLimits { RequestsPerWindow = 1 });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);
        using var other = new ODataTestClient(service.ServiceRoot, OtherToken);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(other));
    }

    [Fact]
    public async Task Combined_execution_time_past_the_limit_refuses_the_next_request()
    {
        var clock = new ManualClock();
        await using var service = await StartDataverseAsync(clock, new ServiceProtectionLimits { ExecutionTimePerWindow = TimeSpan.FromMilliseconds(200), Window = TimeSpan.FromSeconds(60) });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);
        service.Faults.Inject(Fault.Hang(TimeSpan.FromMilliseconds(300)));

        using var slow = await client.SendAsync(HttpMethod.Get, "accounts");
        using var refused = await client.SendAsync(HttpMethod.Get, "accounts");

        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.Equal("200.00", Header(slow, "x-ms-ratelimit-time-remaining-xrm-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("0.00", Header(refused, "x-ms-ratelimit-time-remaining-xrm-requests"));
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter!.Delta);
        var error = await ErrorAsync(refused);
        Assert.Equal("0x80072321", error["code"]!.GetValue<string>());
        Assert.StartsWith("Combined execution time of incoming requests exceeded limit of 200 milliseconds", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
    }

    [Fact]
    public async Task A_request_past_the_concurrency_cap_is_refused_while_the_others_run()
    {
        var clock = new ManualClock();
        var service = await StartDataverseAsync(clock, new ServiceProtectionLimits { ConcurrentRequests = 2 });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);
        var hang = service.Faults.Inject(Fault.Hang(TimeSpan.FromMinutes(1)), times: 2);
        var running = new[] { client.SendAsync(HttpMethod.Get, "accounts"), client.SendAsync(HttpMethod.Get, "accounts") };
        while (hang.Hits < 2)
        {
            await Task.Delay(10);
        }

        using (var refused = await client.SendAsync(HttpMethod.Get, "accounts"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var error = await ErrorAsync(refused);
            Assert.Equal("0x80072326", error["code"]!.GetValue<string>());
            Assert.Equal("Number of concurrent requests exceeded the limit of 2.", error["message"]!.GetValue<string>());
        }

        await service.DisposeAsync();
        await Task.WhenAll(running.Select(async r =>
        {
            try
            {
                (await r).Dispose();
            }
            catch (HttpRequestException)
            {
                // The service stopped under the held requests: how they end does not matter here.
            }
        }));
    }

    [Fact]
    public async Task Dataverse_answers_carry_the_configured_degree_of_parallelism_hint_and_FO_answers_do_not()
    {
        var clock = new ManualClock();
        await using var dataverse = await LocalODataService.StartDataverseAsync(new LocalODataOptions
        {
            SchemaPath = ServiceFixture.Schema("dataverse.metadata.xml"), AccessToken = ServiceFixture.Token, Time = clock, DegreeOfParallelismHint = 7,
        });
        await using var fo = await StartFoAsync(clock, new ResourceLimit { RequestsPerWindow = 100, Window = TimeSpan.FromSeconds(1) });
        using var dataverseClient = new ODataTestClient(dataverse.ServiceRoot, ServiceFixture.Token);
        using var foClient = new ODataTestClient(fo.ServiceRoot, ServiceFixture.Token);

        using var fromDataverse = await dataverseClient.SendAsync(HttpMethod.Get, "accounts");
        using var fromFo = await foClient.SendAsync(HttpMethod.Get, "ProductsV2");

        Assert.Equal("7", Header(fromDataverse, "x-ms-dop-hint"));
        Assert.False(fromDataverse.Headers.Contains("x-ms-ratelimit-burst-remaining-xrm-requests"));
        Assert.False(fromFo.Headers.Contains("x-ms-dop-hint"));
    }

    [Fact]
    public async Task FO_resource_limit_refuses_every_user_with_Retry_After_as_the_window_slides()
    {
        var clock = new ManualClock();
        await using var service = await StartFoAsync(clock, new ResourceLimit { RequestsPerWindow = 2, Window = TimeSpan.FromSeconds(30) });
        using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);
        using var other = new ODataTestClient(service.ServiceRoot, OtherToken);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "ProductsV2"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(other, "ProductsV2"));
        using (var refused = await other.SendAsync(HttpMethod.Get, "ProductsV2"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(20), refused.Headers.RetryAfter!.Delta);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "ProductsV2"));
    }

    private static Task<LocalODataService> StartDataverseAsync(ManualClock clock, ServiceProtectionLimits limits) =>
        LocalODataService.StartDataverseAsync(new LocalODataOptions
        {
            SchemaPath = ServiceFixture.Schema("dataverse.metadata.xml"),
            AccessToken = ServiceFixture.Token,
            OtherUsersAccessTokens = new[] { OtherToken },
            ServiceProtection = limits,
            Time = clock,
        });

    private static Task<LocalODataService> StartFoAsync(ManualClock clock, ResourceLimit limit) =>
        LocalODataService.StartFoAsync(new LocalODataOptions
        {
            SchemaPath = ServiceFixture.Schema("fo.metadata.xml"),
            AccessToken = ServiceFixture.Token,
            OtherUsersAccessTokens = new[] { OtherToken },
            ResourceLimit = limit,
            Time = clock,
        });

    private static async Task<HttpStatusCode> StatusAsync(ODataTestClient client, string url = "accounts")
    {
        using var response = await client.SendAsync(HttpMethod.Get, url);
        return response.StatusCode;
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private static async Task<JsonObject> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();
}
