using System;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Web.Actions;
using DualWrite.Runtime.Web.Activity;
using DualWrite.Runtime.Web.Html;
using DualWrite.Runtime.Web.Live;
using DualWrite.Runtime.Web.Pages;
using DualWrite.Runtime.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Web;

/// <summary>Serves the operations page.</summary>
public static class DualWritePageEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the operations page under <paramref name="prefix"/> (e.g. <c>/dualwrite</c>): every page needs
    /// <see cref="DualWritePageOptions.ReadPolicy"/>, every action also <see cref="DualWritePageOptions.ActPolicy"/> and
    /// a valid antiforgery token; <c>{prefix}/login</c> takes the codes of <see cref="DualWriteOneTimeLogins"/>. Maps
    /// nothing while the page is not enabled.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddDualWritePage was not called.</exception>
    public static IEndpointRouteBuilder MapDualWritePage(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var options = endpoints.ServiceProvider.GetService<DualWritePageOptions>()
            ?? throw new InvalidOperationException("Call services.AddDualWritePage(...) before MapDualWritePage.");
        if (!options.Enabled)
        {
            return endpoints;
        }

        // Counted from the start, not from the first visit: the throughput plot and the alerts fired before anyone looked.
        endpoints.ServiceProvider.GetRequiredService<ThroughputMonitor>();
        endpoints.ServiceProvider.GetRequiredService<AlertLog>();
        endpoints.ServiceProvider.GetRequiredService<ActivityRecorder>();

        prefix = "/" + prefix.Trim('/');
        var root = new PageRoot(prefix);
        MapLogin(endpoints, prefix, root);
        MapAssets(endpoints, prefix, root);

        var pages = endpoints.MapGroup(prefix).WithMetadata(root).RequireAuthorization(DualWritePageOptions.ReadPolicy).AddEndpointFilter<SecurityHeaders>();
        pages.MapGet("/", (HttpContext http, DualWriteRuntime runtime, OverviewFigures figures, IOptions<DualWriteOptions> dualWrite) =>
            OverviewPage.RenderAsync(Page(http), runtime, figures, dualWrite, http.RequestAborted));
        pages.MapGet("/events", (HttpContext http, OverviewFigures figures) => OverviewPage.StreamAsync(http, figures, options));
        pages.MapGet("/maps/{name}", (HttpContext http, DualWriteRuntime runtime, IOptions<DualWriteOptions> dualWrite, string name) =>
            MapPage.Render(Page(http), runtime, dualWrite.Value.Definition, name));
        pages.MapGet("/maps/{name}/confirm/{action}", (HttpContext http, DualWriteRuntime runtime, string name, string action) => MapPage.Confirm(Page(http), runtime, name, action))
            .RequireAuthorization(DualWritePageOptions.ActPolicy);
        pages.MapGet("/maps/{name}/queue", (HttpContext http, DualWriteRuntime runtime, DualWriteEnvironments environments, string name) =>
            QueuePage.Render(Page(http), runtime, environments, name));
        pages.MapGet("/errors", (HttpContext http, DualWriteRuntime runtime, DualWriteEnvironments environments, IOptions<DualWriteOptions> dualWrite) =>
            ErrorsPage.Render(Page(http), runtime, environments, dualWrite));
        pages.MapGet("/errors/{id:long}", (HttpContext http, DualWriteEnvironments environments, IOptions<DualWriteOptions> dualWrite, long id) =>
            ErrorsPage.RenderOne(Page(http), environments, dualWrite, id));
        pages.MapGet("/history", (HttpContext http, DualWriteRuntime runtime, DualWriteEnvironments environments) => HistoryPage.Render(Page(http), runtime, environments));
        pages.MapGet("/maps/{name}/activity", (HttpContext http, DualWriteRuntime runtime, ActivityRecorder activity, string name) => ActivityPage.Render(Page(http), runtime, activity, name));
        pages.MapGet("/initial-sync", (HttpContext http, InitialSyncJobs jobs) => InitialSyncPage.RenderRuns(Page(http), jobs));
        pages.MapGet("/initial-sync/jobs/{jobId}", (HttpContext http, InitialSyncJobs jobs, string jobId) => InitialSyncPage.RenderJob(Page(http), jobs, jobId));
        pages.MapGet("/initial-sync/{runId}", (HttpContext http, DualWriteEnvironments environments, InitialSyncJobs jobs, string runId) => InitialSyncPage.RenderRun(Page(http), environments, jobs, runId));
        pages.MapGet("/alerts", (HttpContext http, IOptions<DualWriteOptions> dualWrite, AlertLog log) => AlertsPage.Render(Page(http), dualWrite, log));

        var actions = pages.MapGroup("/").RequireAuthorization(DualWritePageOptions.ActPolicy).AddEndpointFilter<AntiforgeryCheck>();
        actions.MapPost("/maps/{name}/{action}", (HttpContext http, DualWriteRuntime runtime, InitialSyncJobs jobs, string name, string action) =>
            MapActions.RunAsync(http, runtime, jobs, name, action, Page(http).BasePath));
        actions.MapPost("/errors/act", (HttpContext http, DualWriteRuntime runtime, DualWriteEnvironments environments, ActivityRecorder activity) =>
            ErrorActions.RunAsync(http, runtime, environments, activity, Page(http).BasePath));
        actions.MapPost("/initial-sync/{runId}/rerun", (HttpContext http, InitialSyncJobs jobs, string runId) => InitialSyncActions.RerunAsync(http, jobs, runId, Page(http).BasePath));
        return endpoints;
    }

    private static void MapLogin(IEndpointRouteBuilder endpoints, string prefix, PageRoot root)
    {
        var login = endpoints.MapGroup(prefix + "/login").WithMetadata(root).AllowAnonymous().AddEndpointFilter<SecurityHeaders>();
        login.MapGet("/", (HttpContext http) => LoginPage.Render(Page(http)));
        login.MapPost("/", (HttpContext http, DualWriteOneTimeLogins logins) => LoginPage.SignInAsync(http, Page(http), logins)).AddEndpointFilter<AntiforgeryCheck>();
    }

    private static void MapAssets(IEndpointRouteBuilder endpoints, string prefix, PageRoot root)
    {
        var assets = endpoints.MapGroup(prefix + "/assets").WithMetadata(root).AllowAnonymous();
        assets.MapGet("/dualwrite.js", (HttpContext http) => EmbeddedAsset.Serve(http, "dualwrite.js", "text/javascript; charset=utf-8"));
        assets.MapGet("/dualwrite.css", (HttpContext http) => EmbeddedAsset.Serve(http, "dualwrite.css", "text/css; charset=utf-8"));
    }

    private static PageContext Page(HttpContext http) =>
        new(http, http.RequestServices.GetRequiredService<IAntiforgery>(), http.RequestServices.GetRequiredService<DualWritePageOptions>());
}
