using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Preflight;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DualWrite.Runtime.Hosting.Preflight;

/// <summary>
/// Runs the checks of <c>dualwrite doctor</c> when the host starts, before the live loop's first pass: a map that the live
/// schema breaks would otherwise fail on its first write. A breaking difference stops the host with the report, or with
/// <see cref="DualWritePreflightOptions.StartUnaffectedMaps"/> stops only the maps it breaks.
/// </summary>
public sealed partial class DualWritePreflightService : IHostedService
{
    private readonly DualWriteRuntime _runtime;
    private readonly DualWriteEnvironments _environments;
    private readonly DualWritePreflightOptions _options;
    private readonly IReadOnlyCollection<string> _companies;
    private readonly ILogger<DualWritePreflightService> _logger;
    private readonly Dictionary<string, string> _notRunning = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public DualWritePreflightService(DualWriteRuntime runtime, DualWriteEnvironments environments, IOptions<DualWriteOptions> options, ILogger<DualWritePreflightService> logger)
    {
        _runtime = runtime;
        _environments = environments;
        _options = options.Value.Preflight;
        _companies = options.Value.Companies.ToList();
        _logger = logger;
    }

    /// <summary>The report of the check at start, or null before it ran (or when it is disabled).</summary>
    public PreflightReport? Report { get; private set; }

    /// <summary>The maps the check keeps from running, each with the reason.</summary>
    public IReadOnlyDictionary<string, string> NotRunning => _notRunning;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // The companies of the stored link when there is one: the host keeps that link whatever the options say.
        var link = _runtime.CurrentLink;
        var companies = new PreflightCompanies(link?.Companies ?? _companies, Linked: link is not null);
        var report = await PreflightCheck.RunAsync(_runtime.Maps, _environments.FoEnvironment, _environments.DataverseEnvironment, companies, cancellationToken).ConfigureAwait(false);
        Report = report;
        switch (report.Worst)
        {
            case PreflightSeverity.Breaking when !_options.StartUnaffectedMaps:
                var text = PreflightReportText.ToText(report);
                Refused(_logger, text);
                throw new InvalidOperationException("The live environments no longer match the schemas the maps were compiled with; nothing runs. Run dualwrite doctor for the report, or set DualWrite:Preflight:StartUnaffectedMaps to run the other maps."
                    + Environment.NewLine + text);
            case PreflightSeverity.Breaking:
                foreach (var map in report.Maps)
                {
                    if (report.BlockingReason(map) is { } reason)
                    {
                        _notRunning[map] = reason;
                        MapNotRunning(_logger, map, reason);
                    }
                }

                break;
            case PreflightSeverity.Warning:
                Warned(_logger, PreflightReportText.ToText(report));
                break;
        }

        if (report.Findings.Any())
        {
            Checked(_logger, report.Findings.Count);
        }
    }

    /// <summary>
    /// Stops the maps the check found broken and records the reason in the state store, where <c>dualwrite status</c>
    /// reads it. Called by <see cref="DualWriteSyncService"/> once the link stands (linking starts every map afresh) and
    /// before its first pass.
    /// </summary>
    public async Task StopBrokenMapsAsync(CancellationToken cancellationToken)
    {
        foreach (var (map, reason) in _notRunning)
        {
            await _runtime.StopAsync(map, "host preflight: " + reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 110, Level = LogLevel.Critical, Message = "Dual-write preflight: the live environments break the maps; the host does not start.\n{Report}")]
    private static partial void Refused(ILogger logger, string report);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Dual-write preflight: map {Map} is stopped and does not run: {Reason}")]
    private static partial void MapNotRunning(ILogger logger, string map, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Dual-write preflight: the maps run, but some records may be refused.\n{Report}")]
    private static partial void Warned(ILogger logger, string report);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Dual-write preflight: {Count} finding(s); dualwrite doctor prints them")]
    private static partial void Checked(ILogger logger, int count);
}
