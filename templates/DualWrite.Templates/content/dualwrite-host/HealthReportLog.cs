using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Contoso.Integration;

/// <summary>A worker has no HTTP endpoint to ask: each change of the health status is written to the log instead.</summary>
internal sealed partial class HealthReportLog(ILogger<HealthReportLog> logger) : IHealthCheckPublisher
{
    private HealthStatus? _last;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        if (report.Status != _last)
        {
            _last = report.Status;
            var detail = string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}"));
            if (report.Status == HealthStatus.Healthy)
            {
                Healthy(logger, detail);
            }
            else
            {
                NotHealthy(logger, report.Status, detail);
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Health: Healthy. {Detail}")]
    private static partial void Healthy(ILogger logger, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Health: {Status}. {Detail}")]
    private static partial void NotHealthy(ILogger logger, HealthStatus status, string detail);
}
