using System;
using System.Linq;

using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Alerts;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.State;
using DualWrite.Runtime.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contoso.Integration.Host;

/// <summary>
/// <c>-- web [--port N]</c>: the Contoso maps live between two embedded environments, with the operations page served at
/// <see cref="PagePath"/> behind cookie sign-in; a one-time login code is printed at start. Runs until Ctrl+C.
/// </summary>
internal static class WebSample
{
    public const string PagePath = "/dualwrite";
    private const string Usage = "Usage: dotnet run --project dsl-samples/Contoso.Integration.Host -- web [--port <port>]";
    private static readonly string[] Linked = ["USMF", "DEMF"];

    public static async Task<int> RunAsync(string[] args)
    {
        var port = 5080;
        if (!(args.Length == 0 || (args is ["--port", var text] && int.TryParse(text, out port))))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var folder = SampleHost.FreshFolder("dualwrite-sample-web");
        await using var app = Build(folder, $"http://127.0.0.1:{port}");
        await app.StartAsync();
        var environments = app.Services.GetRequiredService<DualWriteEnvironments>();
        Seed.Groups(environments.Fo.ConnectionString, Linked);
        foreach (var company in Linked)
        {
            Seed.Customers(environments.Fo.ConnectionString, company, 200);
        }

        var code = app.Services.GetRequiredService<DualWriteOneTimeLogins>().Issue("operator", canAct: true);
        Console.WriteLine($"DualWrite sample: the Contoso maps live between two embedded environments in {folder}.");
        Console.WriteLine($"Operations page: {app.Urls.First()}{PagePath}");
        Console.WriteLine($"One-time login code (operator, works once): {code}");
        Console.WriteLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The sample's web host: embedded environments in <paramref name="folder"/>, cookie sign-in, the page at <see cref="PagePath"/>.</summary>
    public static WebApplication Build(string folder, string url)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("DualWrite", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddDualWrite(options =>
        {
            SampleHost.Configure(options, folder, Linked);
            options.PollInterval = TimeSpan.FromMilliseconds(100);
            options.Runtime.Alerts.Add(new AlertRule(null, SyncErrorKind.Value, 50, TimeSpan.FromMinutes(5), AlertAction.Notify));
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = PagePath + "/login";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;

            // A signed-in user without the action policy gets a plain 403, not a redirect to a page that does not exist.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddDualWritePage(page => page.Enabled = true);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDualWritePage(PagePath);
        app.MapGet("/", () => Results.Redirect(PagePath));
        return app;
    }
}
