using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Contoso.Integration;
using Contoso.Integration.Host;
using DualWrite.Runtime.State;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using Dataverse = Contoso.Integration.Dataverse;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>An operator at work on the page, in a real browser: every step goes through what the page shows and its forms.</summary>
public sealed class OperatorTests(ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Pausing_stages_the_changes_the_queue_finds_them_by_key_and_after_resume_the_history_shows_them_in_order()
    {
        await using var host = await PageHost.StartAsync();
        await using var browser = await Browser.LaunchAsync(output);
        var page = await browser.SignedInAsync(host, canAct: true);

        var customers = page.Locator("tr[data-map='Customers']");
        await Expect(page.GetByTestId("maps")).ToContainTextAsync("CustomerGroups");
        await Expect(customers.Locator("[data-figure='state']")).ToHaveTextAsync("Running");
        await browser.ScreenshotAsync(page, "overview");

        await customers.GetByTestId("map-link").ClickAsync();
        await Expect(page.GetByTestId("definition")).ToContainTextAsync("CustomersV3");
        await Expect(page.GetByTestId("number-ranges")).ToContainTextAsync("CustomerAccount");
        await ExpectFieldsAndFiltersAsync(page);
        await browser.ScreenshotAsync(page, "map");
        await ConfirmAsync(page, "pause");
        await Expect(page.GetByTestId("map-state")).ToHaveTextAsync("Paused");

        // The overview stays open: its staged count rises through the live updates, without a reload.
        await page.GetByTestId("nav-overview").ClickAsync();
        await Expect(customers.Locator("[data-figure='staged']")).ToHaveTextAsync("0");
        await Expect(customers.Locator("[data-figure='age']")).ToHaveTextAsync("–");
        foreach (var version in new[] { "A", "B", "C" })
        {
            Seed.Execute(host.Environments.Fo.ConnectionString, command => Seed.Run(command, $"UPDATE CustomersV3 SET OrganizationName = 'Trey Research {version}' WHERE dataAreaId = 'DEMF' AND CustomerAccount = 'US0021'"));
        }

        Seed.Execute(host.Environments.Fo.ConnectionString, command => Seed.Run(command, "UPDATE CustomersV3 SET CreditLimit = CreditLimit + 100 WHERE dataAreaId = 'USMF' AND CustomerAccount <= 'US0009'"));
        await Expect(customers.Locator("[data-figure='staged']")).ToHaveTextAsync(new Regex("^1[0-9]$"), new() { Timeout = 60_000 });
        await Expect(customers.Locator("[data-figure='age']")).ToHaveTextAsync(new Regex("^[0-9]+ (s|min)$"));
        await browser.ScreenshotAsync(page, "overview-paused");

        await page.GotoAsync(host.PageUrl + "/maps/Customers/queue");
        await page.GetByTestId("key").FillAsync("demf|us0021");
        await page.GetByTestId("search-button").ClickAsync();
        await Expect(page.Locator("tr[data-staged]")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("staged")).ToContainTextAsync("DEMF|US0021");
        await browser.ScreenshotAsync(page, "queue");

        await page.GotoAsync(host.PageUrl + "/maps/Customers");
        await ConfirmAsync(page, "resume");
        await host.CaughtUpAsync();

        await page.GetByTestId("activity-link").ClickAsync();
        var activity = page.GetByTestId("activity").Locator("tr[data-activity]");
        Assert.Equal(["resumed", "paused"], await activity.Locator("td:nth-child(2)").AllTextContentsAsync());
        Assert.Equal(["operator", "operator"], await activity.Locator("td:nth-child(3)").AllTextContentsAsync());
        await browser.ScreenshotAsync(page, "activity");

        await page.GetByTestId("nav-history").ClickAsync();
        await page.GetByTestId("history-map").SelectOptionAsync("Customers");
        await page.GetByTestId("history-key").FillAsync("DEMF|US0021");
        await page.GetByTestId("history-show").ClickAsync();
        var happened = await page.GetByTestId("history").Locator("tr:has(td) td:nth-child(6)").AllTextContentsAsync();
        var sequences = (await page.GetByTestId("history").Locator("tr:has(td) td:nth-child(4)").AllTextContentsAsync()).Select(long.Parse).ToList();
        await browser.ScreenshotAsync(page, "history");

        // Created by the first sync, then A, B and C staged while paused and applied one by one on resume.
        Assert.Equal(
            ["applied to the other side", "staged (map paused)", "staged (map paused)", "staged (map paused)", "applied to the other side", "applied to the other side", "applied to the other side"],
            happened);
        Assert.Equal(sequences.Skip(1).Take(3), sequences.Skip(4));
        Assert.True(sequences.Skip(1).Take(3).SequenceEqual(sequences.Skip(1).Take(3).Order()), string.Join(", ", sequences));
    }

    [BrowserFact]
    public async Task Errors_are_filtered_retried_and_discarded_one_a_selection_and_all()
    {
        await using var host = await PageHost.StartAsync();
        foreach (var account in new[] { "US5001", "US5002", "US5003" })
        {
            // An on-hold status the OnHoldStatusCodes value map does not know: the change to F&O fails into the error list.
            host.Environments.Dataverse.Save(CustomersMap.Definition.Dataverse, new Dataverse.Account
            {
                accountnumber = account, name = "Blue Yonder " + account, customertypecode = 3, msdyn_paymentterms = 2, msdyn_onholdstatus = 806380099,
                msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "DEMF" },
                msdyn_customergroupid = new Dataverse.Msdyn_customergroup { msdyn_groupid = "30" },
            });
        }

        await host.CaughtUpAsync();
        await using var browser = await Browser.LaunchAsync(output);
        var page = await browser.SignedInAsync(host, canAct: true);
        await Expect(page.Locator("tr[data-map='Customers'] [data-figure='errors']")).ToHaveTextAsync("3");

        await page.GetByTestId("nav-errors").ClickAsync();
        await page.GetByTestId("filter-map").SelectOptionAsync("Customers");
        await page.GetByTestId("filter-kind").SelectOptionAsync("Value");
        await page.GetByTestId("filter").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("error-total")).ToHaveTextAsync("3");
        await browser.ScreenshotAsync(page, "errors");

        var first = page.Locator("tr[data-error]").First;
        await first.Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("retry-selected").ClickAsync();
        await Expect(page.Locator("tr[data-error]").First.Locator("td:nth-child(7)")).ToHaveTextAsync("2");
        Assert.Equal(3, host.Runtime.GetErrors().Count);

        await page.Locator("tr[data-error]").Nth(1).GetByTestId("error-link").ClickAsync();
        await Expect(page.GetByTestId("payload")).ToContainTextAsync("806380099");
        await browser.ScreenshotAsync(page, "error");
        var history = await page.GetByTestId("history-link").GetAttributeAsync("href");
        await page.GetByTestId("discard-one").ClickAsync();
        await Expect(page.GetByTestId("error-total")).ToHaveTextAsync("2");

        // The record's history shows the discard after the refusal; the map's activity log names who did what.
        await page.GotoAsync(new Uri(new Uri(host.PageUrl), history!).ToString());
        Assert.Equal(["refused (error list)", "discarded from the error list"], await page.GetByTestId("history").Locator("tr:has(td) td:nth-child(6)").AllTextContentsAsync());
        await browser.ScreenshotAsync(page, "history-discarded");
        await page.GotoAsync(host.PageUrl + "/errors");

        await page.GetByTestId("discard-all").ClickAsync();
        await Expect(page.GetByTestId("error-total")).ToHaveTextAsync("0");
        Assert.Empty(host.Runtime.GetErrors());

        await page.GotoAsync(host.PageUrl + "/maps/Customers/activity");
        Assert.Equal(
            ["2 error-list entries, from the operations page", "1 error-list entries, from the operations page", "1 error-list entries, from the operations page"],
            await page.GetByTestId("activity").Locator("tr[data-activity] td:nth-child(4)").AllTextContentsAsync());
        Assert.Equal(["errors discarded", "errors discarded", "errors retried"], await page.GetByTestId("activity").Locator("tr[data-activity] td:nth-child(2)").AllTextContentsAsync());
    }

    [BrowserFact]
    public async Task A_stopped_map_runs_its_initial_sync_from_the_page_and_runs_again()
    {
        await using var host = await PageHost.StartAsync();
        await using var browser = await Browser.LaunchAsync(output);
        var page = await browser.SignedInAsync(host, canAct: true);

        await page.GotoAsync(host.PageUrl + "/maps/VendorGroups");
        await ConfirmAsync(page, "stop");
        await Expect(page.GetByTestId("map-state")).ToHaveTextAsync("Stopped");

        // While it is stopped, F&O gains a group in USMF and one in DEMF whose description Dataverse cannot hold (60 at most).
        const string NewGroup = "INSERT INTO VendorGroups (dataAreaId, VendorGroupId, Description) VALUES ($c, $id, $d)";
        PageHost.Execute(host.Environments.Fo.ConnectionString, NewGroup, ("$c", "USMF"), ("$id", "NEW"), ("$d", "New suppliers"));
        PageHost.Execute(host.Environments.Fo.ConnectionString, NewGroup, ("$c", "DEMF"), ("$id", "LONG"), ("$d", new string('d', 70)));
        await page.GetByTestId("action-initial-sync").ClickAsync();
        await page.Locator("input[name=master][value=Fo]").CheckAsync();
        await page.GetByTestId("confirm").ClickAsync();

        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("CompletedWithErrors");
        await Expect(page.GetByTestId("steps")).ToContainTextAsync("VendorGroups");

        // Each company's 3 groups on both sides and its new one read; USMF's written, DEMF's failed and in the error list.
        var companies = page.GetByTestId("run-companies");
        await Expect(companies.Locator("tr[data-map='VendorGroups'][data-company='USMF'] td")).ToHaveTextAsync(["VendorGroups", "USMF", "7", "1", "0", "0"]);
        await Expect(companies.Locator("tr[data-map='VendorGroups'][data-company='DEMF'] td")).ToHaveTextAsync(["VendorGroups", "DEMF", "7", "0", "1", "1"]);
        await Expect(page.GetByTestId("rerun")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rerun-skip")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "initial-sync");

        await companies.Locator("tr[data-company='DEMF']").GetByTestId("failed-link").ClickAsync();
        await Expect(page.GetByTestId("errors-filter")).ToContainTextAsync("legal entity DEMF");
        await Expect(page.GetByTestId("run-errors").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("run-errors")).ToContainTextAsync("DEMF|LONG");
        await browser.ScreenshotAsync(page, "initial-sync-failed-rows");
        await host.CaughtUpAsync();
        Assert.Equal(MapState.Running, host.Runtime.GetMapState("VendorGroups"));

        await page.GetByTestId("nav-initial-sync").ClickAsync();
        await Expect(page.GetByTestId("runs")).ToContainTextAsync("VendorGroups");
    }

    /// <summary>The Customers map as compiled: a value-map row, a lookup row, the key marked, the F&amp;O filter in X++ and as OData.</summary>
    private static async Task ExpectFieldsAndFiltersAsync(IPage page)
    {
        var fields = page.GetByTestId("fields");
        await Expect(fields.Locator("tr[data-fo='PaymentTerms'] td")).ToHaveTextAsync(["", "PaymentTerms", "↔", "msdyn_paymentterms", "via PaymentTermsCodes"]);
        await Expect(fields.Locator("tr[data-fo='CustomerGroupId'] td")).ToHaveTextAsync(["", "CustomerGroupId", "↔", "msdyn_customergroupid.msdyn_groupid", "lookup through msdyn_customergroupid"]);
        await Expect(fields.Locator("tr[data-dataverse='customertypecode'] td")).ToHaveTextAsync(["", "none", "→", "customertypecode", "constant 3"]);
        await Expect(fields.Locator("tr.key[data-fo='CustomerAccount'] td").First).ToHaveTextAsync("key");
        var definition = page.GetByTestId("definition");
        await Expect(definition).ToContainTextAsync("((PartyType == \"Organization\") && (CustomerGroupId != \"\"))");
        await Expect(definition).ToContainTextAsync("PartyType eq Microsoft.Dynamics.DataEntities.DirPartyBaseType'Organization'");
    }

    private static async Task ConfirmAsync(IPage page, string action)
    {
        await page.GetByTestId("action-" + action).ClickAsync();
        await page.GetByTestId("confirm").ClickAsync();
    }
}
