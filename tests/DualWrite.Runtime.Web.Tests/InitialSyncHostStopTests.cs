using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.State;
using DualWrite.Runtime.Web.Actions;
using Microsoft.Extensions.DependencyInjection;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>
/// Stopping the host while an initial sync started from the page is under way cancels the run at its next record: the
/// run keeps its last checkpoint and stays resumable, and resuming it writes every row exactly once.
/// </summary>
public sealed class InitialSyncHostStopTests
{
    // 500 customers per company are 1,000 records alike on both sides (persons are F&O only, outside the filter): the
    // page's batch of 1,000 ends with them, writes nothing, and checkpoints. The new customers sort after them (ZZ…), so
    // the next batch's first write waits on the Dataverse lock the test holds.
    private const int CustomersPerCompany = 500;
    private const int NewCustomers = 50;

    [Fact]
    public async Task Stopping_the_host_mid_run_leaves_the_run_resumable_from_its_checkpoint_and_resuming_writes_each_row_once()
    {
        await using var host = await PageHost.StartAsync(CustomersPerCompany);
        using var client = await host.SignedInClientAsync();
        await host.Runtime.StopAsync("Customers");
        InsertNewCustomers(host.Environments.Fo.ConnectionString);
        var accountsBefore = CountAccounts(host, "1 = 1");

        string runId;
        using (var dataverse = PageHost.HoldWriteLock(host.DataversePath))
        {
            var jobPage = await StartInitialSyncAsync(client, host);

            // The job's page leads to the run once the run reported its first batch: then it waits on the lock in its second.
            runId = await RunOfAsync(client, jobPage);
            Assert.Equal(0, CountAccounts(host, "accountnumber LIKE 'ZZ%'"));
            var jobs = host.Services.GetRequiredService<InitialSyncJobs>();
            var stopping = jobs.StopAsync(CancellationToken.None);
            dataverse.Dispose();
            await stopping;
            var job = Assert.IsType<InitialSyncJob>(jobs.Find(JobId(jobPage)));
            Assert.Equal("Stopped with the host; the run resumes from its last checkpoint.", job.Outcome);
        }

        var store = (IInitialSyncStore)host.Environments.State;
        Assert.Equal(InitialSyncRunStatus.Running, store.GetRun(runId)!.Status);
        var checkpoint = store.GetCheckpoint(runId, "Customers", InitialSyncPass.All)!;
        Assert.Equal(InitialSyncStepStatus.Running, checkpoint.Status);
        Assert.NotNull(checkpoint.LastKey);
        Assert.InRange(checkpoint.Counts.Inserted, 0, NewCustomers - 1);
        Assert.Equal(MapState.Stopped, host.Runtime.GetMapState("Customers"));

        var runner = new InitialSyncRunner(host.Environments.FoEnvironment, host.Environments.DataverseEnvironment, host.Environments.State, host.Runtime.Maps);
        var resumed = await runner.ResumeAsync(runId);

        Assert.Equal(InitialSyncRunStatus.Completed, resumed.Status);
        var customers = resumed.Steps.Single(s => s.Map == "Customers").Counts;
        Assert.Equal((long)NewCustomers, customers.Inserted);
        Assert.Equal((long)NewCustomers, customers.Company("USMF").Written);
        Assert.Equal(accountsBefore + NewCustomers, CountAccounts(host, "1 = 1"));
        Assert.Equal(NewCustomers, CountAccounts(host, "accountnumber LIKE 'ZZ%'"));
        Assert.Equal(NewCustomers, Scalar(host, "SELECT COUNT(*) FROM dw_changes WHERE entity_set = 'accounts' AND origin = 'dualwrite:initial-sync:Customers'"));
    }

    private static void InsertNewCustomers(string connectionString)
    {
        for (var i = 1; i <= NewCustomers; i++)
        {
            PageHost.Execute(
                connectionString,
                "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, CreditLimit, PaymentTerms, OnHoldStatus, PartyType, AddressCity) " +
                    "VALUES ('USMF', $account, $name, '30', '1000', 'Net30', 'No', 'Organization', 'Seattle')",
                ("$account", "ZZ" + i.ToString("D4", CultureInfo.InvariantCulture)),
                ("$name", "New customer " + i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static async Task<string> StartInitialSyncAsync(HttpClient client, PageHost host)
    {
        using var started = await host.StartInitialSyncAsync(client, "Customers");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return new Uri(new Uri(host.PageUrl), started.Headers.Location!).ToString();
    }

    // The job's page redirects to the run's page once the run's id is known; the run's id ends that address.
    private static async Task<string> RunOfAsync(HttpClient client, string jobPage)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            using var response = await client.GetAsync(jobPage, timeout.Token);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return Uri.UnescapeDataString(response.Headers.Location!.OriginalString.Split('/')[^1]);
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static string JobId(string jobPage) => jobPage.Split('/')[^1];

    private static int CountAccounts(PageHost host, string condition) =>
        Scalar(host, "SELECT COUNT(*) FROM accounts WHERE " + condition);

    private static int Scalar(PageHost host, string sql) =>
        Convert.ToInt32(PageHost.Execute(host.Environments.Dataverse.ConnectionString, sql), CultureInfo.InvariantCulture);
}
