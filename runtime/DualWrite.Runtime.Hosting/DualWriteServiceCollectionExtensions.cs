using System;
using System.Diagnostics.Metrics;
using DualWrite.Runtime.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting;

/// <summary>Registers the dual-write runtime in a .NET host.</summary>
public static class DualWriteServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DualWriteEnvironments"/> and <see cref="DualWriteRuntime"/> as singletons and
    /// <see cref="DualWriteSyncService"/>, which links on first start and runs the live loop until the host stops.
    /// The options are validated when the host starts. Each side is an embedded database from the path options unless
    /// <see cref="DualWriteOptions.UseFo(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> or <see cref="DualWriteOptions.UseDataverse(System.Func{System.IServiceProvider, DualWrite.Runtime.Environments.IDualWriteEnvironment}, bool)"/> supplies it.
    /// </summary>
    public static IServiceCollection AddDualWrite(this IServiceCollection services, Action<DualWriteOptions> configure)
    {
        services.AddOptions<DualWriteOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DualWriteOptions>, DualWriteOptionsValidator>());
        services.TryAddSingleton<DualWriteEnvironments>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DualWriteOptions>>().Value;
            var environments = provider.GetRequiredService<DualWriteEnvironments>();
            return new DualWriteRuntime(
                environments.FoEnvironment,
                environments.DataverseEnvironment,
                environments.State,
                options.Definition,
                options.Runtime,
                provider.GetService<ILoggerFactory>(),
                provider.GetService<IMeterFactory>(),
                options.WorkSharing);
        });
        services.TryAddSingleton<Preflight.DualWritePreflightService>();
        services.AddHostedService(provider => provider.GetRequiredService<Preflight.DualWritePreflightService>());
        services.AddHostedService<DualWriteSyncService>();
        return services;
    }
}
