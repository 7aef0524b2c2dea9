using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualWrite.Runtime.State;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>Who may read and act: anonymous users are sent to sign in, readers cannot act, and no form acts without its antiforgery token.</summary>
public sealed class SecurityTests(ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Anonymous_users_cannot_read_and_are_sent_to_sign_in()
    {
        await using var host = await PageHost.StartAsync(customersPerCompany: 5);
        await using var browser = await Browser.LaunchAsync(output);
        var page = await browser.NewPageAsync();

        var direct = await page.APIRequest.GetAsync(host.PageUrl + "/errors", new() { MaxRedirects = 0 });
        await page.GotoAsync(host.PageUrl + "/errors");

        Assert.Equal(302, direct.Status);
        Assert.Contains("/dualwrite/login", direct.Headers["location"]);
        await Expect(page).ToHaveURLAsync(new Regex("/dualwrite/login\\?ReturnUrl="));
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Customers");
        await browser.ScreenshotAsync(page, "login");
    }

    [BrowserFact]
    public async Task A_reader_sees_the_maps_but_gets_403_on_an_action()
    {
        await using var host = await PageHost.StartAsync(customersPerCompany: 5);
        await using var browser = await Browser.LaunchAsync(output);
        var page = await browser.SignedInAsync(host, canAct: false);

        await page.GotoAsync(host.PageUrl + "/maps/Customers");
        await Expect(page.GetByTestId("definition")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("action-pause")).ToHaveCountAsync(0);
        var confirm = await page.APIRequest.GetAsync(host.PageUrl + "/maps/Customers/confirm/pause", new() { MaxRedirects = 0 });
        var pause = await page.APIRequest.PostAsync(host.PageUrl + "/maps/Customers/pause", new() { MaxRedirects = 0, Form = FormWith(page.APIRequest, ("unused", "1")) });

        Assert.Equal(403, confirm.Status);
        Assert.Equal(403, pause.Status);
        Assert.Equal(MapState.Running, host.Runtime.GetMapState("Customers"));
    }

    [BrowserFact]
    public async Task An_action_without_its_antiforgery_token_is_refused_and_pages_carry_the_security_headers()
    {
        await using var host = await PageHost.StartAsync(customersPerCompany: 5);
        await using var browser = await Browser.LaunchAsync(output);
        var page = await browser.SignedInAsync(host, canAct: true);

        var response = await page.GotoAsync(host.PageUrl + "/maps/Customers");
        var forged = await page.APIRequest.PostAsync(host.PageUrl + "/maps/Customers/pause", new() { MaxRedirects = 0, Form = FormWith(page.APIRequest, ("unused", "1")) });
        var wrongToken = await page.APIRequest.PostAsync(host.PageUrl + "/maps/Customers/pause", new() { MaxRedirects = 0, Form = FormWith(page.APIRequest, ("__RequestVerificationToken", "forged")) });

        Assert.Equal(400, forged.Status);
        Assert.Equal(400, wrongToken.Status);
        Assert.Equal(MapState.Running, host.Runtime.GetMapState("Customers"));
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
    }

    private static IFormData FormWith(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var data = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            data.Set(name, value);
        }

        return data;
    }
}
