using System;
using System.Collections.Generic;
using System.Linq;

namespace DualWrite.Runtime.Preflight;

/// <summary>What a preflight found for a set of maps, and which maps it keeps from running.</summary>
public sealed class PreflightReport
{
    /// <summary>Creates the report.</summary>
    public PreflightReport(IReadOnlyList<string> maps, IReadOnlyList<PreflightFinding> findings)
    {
        Maps = maps;
        Findings = findings;
    }

    /// <summary>The maps checked, in order.</summary>
    public IReadOnlyList<string> Maps { get; }

    /// <summary>Everything found, map by map.</summary>
    public IReadOnlyList<PreflightFinding> Findings { get; }

    /// <summary>The worst severity found, or null when nothing was.</summary>
    public PreflightSeverity? Worst => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);

    /// <summary>The findings about a map: its own, and those about an environment as a whole, which concern every map.</summary>
    public IEnumerable<PreflightFinding> For(string map) =>
        Findings.Where(f => f.Map is null || string.Equals(f.Map, map, StringComparison.Ordinal));

    /// <summary>Why a map cannot run (its first breaking finding, as a sentence), or null when nothing breaks it.</summary>
    public string? BlockingReason(string map) =>
        For(map).FirstOrDefault(f => f.Severity == PreflightSeverity.Breaking) is { } finding
            ? $"{finding.Side}: {finding.Problem}"
            : null;
}
