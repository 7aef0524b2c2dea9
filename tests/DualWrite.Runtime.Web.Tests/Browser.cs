using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>Debian's chromium, headless, driven by Playwright; screenshots go to a folder the test output names.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private static readonly string Screenshots = Environment.GetEnvironmentVariable("DUALWRITE_SCREENSHOTS")
        ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ITestOutputHelper _output;

    private Browser(IPlaywright playwright, IBrowser browser, ITestOutputHelper output)
    {
        _playwright = playwright;
        _browser = browser;
        _output = output;
    }

    public static async Task<Browser> LaunchAsync(ITestOutputHelper output)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Browser(playwright, browser, output);
    }

    /// <summary>A fresh browser profile (no cookies).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh profile signed in with a one-time code, on the overview.</summary>
    public async Task<IPage> SignedInAsync(PageHost host, bool canAct)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(host.PageUrl + "/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GetByTestId("code").FillAsync(host.Login(canAct));
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"Screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
