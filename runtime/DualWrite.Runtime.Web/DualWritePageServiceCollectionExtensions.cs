using System;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.Web.Actions;
using DualWrite.Runtime.Web.Activity;
using DualWrite.Runtime.Web.Live;
using DualWrite.Runtime.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DualWrite.Runtime.Web;

/// <summary>Registers the operations page's services.</summary>
public static class DualWritePageServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <c>MapDualWritePage</c> serves: its two authorization policies (<see cref="DualWritePageOptions.ReadPolicy"/>,
    /// <see cref="DualWritePageOptions.ActPolicy"/>), antiforgery, and the live figures. The page stays off unless
    /// <paramref name="configure"/> sets <see cref="DualWritePageOptions.Enabled"/>. The host brings its authentication
    /// (AddAuthentication with a sign-in scheme) and <c>AddDualWrite</c>.
    /// </summary>
    public static IServiceCollection AddDualWritePage(this IServiceCollection services, Action<DualWritePageOptions> configure)
    {
        var options = new DualWritePageOptions();
        configure(options);
        if (options.PageSize < 1)
        {
            throw new ArgumentException($"The page size must be at least 1; got {options.PageSize}.", nameof(configure));
        }

        services.TryAddSingleton(options);

        // The record-history page reads what the runtime keeps only when asked to (DualWriteRuntimeOptions.RecordHistory).
        if (options.Enabled)
        {
            services.PostConfigure<DualWriteOptions>(dualWrite => dualWrite.Runtime.RecordHistory = true);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(DualWritePageOptions.ReadPolicy, options.Read)
            .AddPolicy(DualWritePageOptions.ActPolicy, options.Act);
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThroughputMonitor>();
        services.TryAddSingleton<OverviewFigures>();
        services.TryAddSingleton<AlertLog>();
        services.TryAddSingleton<ActivityRecorder>();
        services.TryAddSingleton<InitialSyncJobs>();

        // Stopping the host cancels an initial sync the page started and waits for it, so it ends at a checkpoint.
        if (options.Enabled)
        {
            services.AddHostedService(provider => provider.GetRequiredService<InitialSyncJobs>());
        }
        services.TryAddSingleton<DualWriteOneTimeLogins>();
        return services;
    }
}
