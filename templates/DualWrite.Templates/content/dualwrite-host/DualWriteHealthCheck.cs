using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contoso.Integration;

/// <summary>Healthy while the environments are linked, every map runs and no record waits in the error list.</summary>
internal sealed class DualWriteHealthCheck(DualWriteRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (runtime.CurrentLink is not { } link)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The environments are not linked."));
        }

        var notRunning = runtime.Maps.Select(m => (m.Name, State: runtime.GetMapState(m.Name))).Where(m => m.State != MapState.Running).ToList();
        var errors = runtime.GetErrors().Count;
        var data = new Dictionary<string, object>
        {
            ["companies"] = string.Join(", ", link.Companies),
            ["errors"] = errors,
        };
        if (notRunning.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Maps not running: {string.Join(", ", notRunning.Select(m => $"{m.Name} ({m.State})"))}.", data: data));
        }

        return Task.FromResult(errors > 0
            ? HealthCheckResult.Degraded($"{errors} records wait in the error list (dualwrite errors).", data: data)
            : HealthCheckResult.Healthy($"{runtime.Maps.Count} maps running.", data));
    }
}
