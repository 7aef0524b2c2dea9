using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>
/// An initial sync started from the page runs in the background: the request returns while the run cannot even begin
/// (the test holds the state store's write lock), the job's page follows it, one run at a time, and it completes once
/// the lock is let go.
/// </summary>
public sealed class InitialSyncJobTests
{
    [Fact]
    public async Task Starting_an_initial_sync_returns_at_once_and_its_page_follows_the_run_to_the_end()
    {
        await using var host = await PageHost.StartAsync(customersPerCompany: 5);
        using var client = await host.SignedInClientAsync();
        await host.Runtime.StopAsync("VendorGroups");
        string jobPage;
        using (var holder = PageHost.HoldWriteLock(host.StatePath))
        {
            using var started = await host.StartInitialSyncAsync(client, "VendorGroups");
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            jobPage = new Uri(new Uri(host.PageUrl), started.Headers.Location!).ToString();

            var following = await client.GetStringAsync(jobPage);
            Assert.Contains("http-equiv=\"refresh\"", following, StringComparison.Ordinal);
            Assert.Contains("is starting", following, StringComparison.Ordinal);

            using var second = await host.StartInitialSyncAsync(client, "VendorGroups");
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }

        var run = await FollowAsync(client, jobPage);
        Assert.Contains(">Completed</strong>", run, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", run, StringComparison.Ordinal);
        Assert.Equal(InitialSyncRunStatus.Completed, Assert.Single(((IInitialSyncStore)host.Environments.State).GetRuns()).Status);

        // The run resumes the map, which replays what it staged meanwhile before it runs.
        await host.CaughtUpAsync();
        Assert.Equal(MapState.Running, host.Runtime.GetMapState("VendorGroups"));
    }

    // Follows the job's page as a browser would (its redirect to the run, the pages' reloads) until the run ends.
    private static async Task<string> FollowAsync(HttpClient client, string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            using var response = await client.GetAsync(url, timeout.Token);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                url = new Uri(new Uri(url), response.Headers.Location!).ToString();
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
