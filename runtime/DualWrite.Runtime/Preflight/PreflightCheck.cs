using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Preflight;

/// <summary>
/// The checks <c>dualwrite doctor</c> and a host before its first pass run: each environment reached, its live schema
/// compared with the one the maps were compiled with (<see cref="SchemaDrift"/>), then what the service itself reports
/// (<see cref="IEnvironmentPreflight"/>: change tracking, key indexes, companies, privileges).
/// </summary>
public static class PreflightCheck
{
    /// <summary>One side to check: the schema the maps were compiled with, how to read the live one, and the service's own checks.</summary>
    public sealed record SideCheck(Side Side, EnvironmentSchema Compiled, Func<CancellationToken, Task<EnvironmentSchema>> ReadLive, IEnvironmentPreflight? Checks = null);

    /// <summary>Checks the maps against both environments when each can drift (<see cref="ILiveSchemaSource"/>); an embedded one passes.</summary>
    public static Task<PreflightReport> RunAsync(IReadOnlyList<IDualWriteMap> maps, IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, PreflightCompanies companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fo);
        ArgumentNullException.ThrowIfNull(dataverse);
        var sides = new List<SideCheck>();
        foreach (var environment in new[] { fo, dataverse })
        {
            if (environment is ILiveSchemaSource source)
            {
                sides.Add(new SideCheck(environment.Side, environment.Schema, source.ReadLiveSchemaAsync, source.Preflight));
            }
        }

        return RunAsync(maps, sides, companies, cancellationToken);
    }

    /// <summary>Checks the maps against each side; a side that cannot be read is one breaking finding with the reason.</summary>
    public static async Task<PreflightReport> RunAsync(IReadOnlyList<IDualWriteMap> maps, IEnumerable<SideCheck> sides, PreflightCompanies companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(sides);
        ArgumentNullException.ThrowIfNull(companies);
        var findings = new List<PreflightFinding>();
        foreach (var side in sides)
        {
            var live = await ReadLiveAsync(side, findings, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                continue;
            }

            findings.AddRange(SchemaDrift.Check(maps, side.Side, side.Compiled, live));
            var checks = side.Checks;
            if (checks is not null)
            {
                findings.AddRange(await checks.CheckAsync(new PreflightScope(maps, side.Compiled, live, companies), cancellationToken).ConfigureAwait(false));
            }
        }

        var names = new List<string>();
        foreach (var map in maps)
        {
            names.Add(map.Name);
        }

        return new PreflightReport(names, findings);
    }

    // A side that cannot be read is a breaking finding; null then, and the side's checks are skipped.
    private static async Task<EnvironmentSchema?> ReadLiveAsync(SideCheck side, List<PreflightFinding> findings, CancellationToken cancellationToken)
    {
        try
        {
            return await side.ReadLive(cancellationToken).ConfigureAwait(false);
        }
        catch (EnvironmentUnavailableException unavailable)
        {
            findings.Add(new PreflightFinding(null, side.Side, null, null, null, null, PreflightSeverity.Breaking, unavailable.Message,
                $"Check the {side.Side} service root and credentials the host is configured with; no map can run without the environment."));
            return null;
        }
    }
}
