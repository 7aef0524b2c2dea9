using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting;

/// <summary>
/// The live loop as a hosted service: links the environments on first start (with the configured companies), then runs
/// <see cref="DualWriteRuntime.RunAsync"/> until the host stops. Stopping cancels the pass under way, the HTTP request in
/// flight included: its transactions are not committed and its cursors do not move, so the next start reads those
/// changes again (a write the service applied before its request was cancelled agrees with its source by then, and is not
/// written twice).
/// </summary>
public sealed partial class DualWriteSyncService : BackgroundService
{
    private readonly DualWriteRuntime _runtime;
    private readonly DualWriteOptions _options;
    private readonly ILogger<DualWriteSyncService> _logger;
    private readonly Preflight.DualWritePreflightService _preflight;

    /// <summary>Creates the service.</summary>
    public DualWriteSyncService(DualWriteRuntime runtime, IOptions<DualWriteOptions> options, ILogger<DualWriteSyncService> logger, Preflight.DualWritePreflightService preflight)
    {
        _runtime = runtime;
        _options = options.Value;
        _logger = logger;
        _preflight = preflight;
    }

    /// <summary>Links the environments when the state store holds no link, before the host reports started, so writes made after start flow.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Hosts that start together on a new shared store link once: the others find the first one's link.
            var link = _runtime.CurrentLink ?? await _runtime.LinkIfUnlinkedAsync(
                _options.Companies.Count > 0
                    ? _options.Companies
                    : throw new InvalidOperationException("The state store holds no link and DualWrite:Companies names no legal entity to link."),
                cancellationToken).ConfigureAwait(false);
            if (_options.Companies.Count > 0 && !SameCompanies(link.Companies))
            {
                LinkedCompaniesDiffer(_logger, string.Join(", ", link.Companies), string.Join(", ", _options.Companies));
            }

            await _preflight.StopBrokenMapsAsync(cancellationToken).ConfigureAwait(false);

            Starting(_logger, _runtime.Maps.Count, string.Join(", ", link.Companies), _options.PollInterval);
            if (_options.WorkSharing is { } sharing)
            {
                SharingWork(_logger, sharing.HostId, StateLocation.Redact(_options.StatePath!), sharing.PartitionCount, sharing.LeaseDuration);
            }
        }
        catch (Exception exception)
        {
            CannotRun(_logger, exception);
            throw;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _runtime.RunAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            Stopped(_logger);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // RunAsync retries passes that fail on I/O; what reaches here (another pair's state store, an unlink under way) needs an operator.
            CannotRun(_logger, exception);
            throw;
        }
    }

    private bool SameCompanies(IReadOnlyList<string> linked) =>
        linked.Count == _options.Companies.Count && linked.All(c => _options.Companies.Contains(c, StringComparer.OrdinalIgnoreCase));

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Dual-write live sync started: {MapCount} maps, companies {Companies}, polling every {PollInterval}")]
    private static partial void Starting(ILogger logger, int mapCount, string companies, TimeSpan pollInterval);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Dual-write live sync stopped")]
    private static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "The state store links companies {Linked}, the options name {Configured}; the link is kept (relink to change it)")]
    private static partial void LinkedCompaniesDiffer(ILogger logger, string linked, string configured);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Host {HostId} shares the work through the state store {State}: {PartitionCount} partitions, leases of {LeaseDuration}")]
    private static partial void SharingWork(ILogger logger, string hostId, string state, int partitionCount, TimeSpan leaseDuration);

    [LoggerMessage(EventId = 104, Level = LogLevel.Critical, Message = "Dual-write live sync cannot run")]
    private static partial void CannotRun(ILogger logger, Exception exception);
}
