using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DualWrite.Runtime.Preflight;

/// <summary>A preflight report as text: the environments' own findings, each map with its findings, then the verdict.</summary>
public static class PreflightReportText
{
    /// <summary>"ok", "warnings" or "breaking": the status of a map or a report whose worst finding is <paramref name="worst"/>.</summary>
    public static string Status(PreflightSeverity? worst) => worst switch
    {
        PreflightSeverity.Breaking => "breaking",
        PreflightSeverity.Warning => "warnings",
        _ => "ok",
    };

    /// <summary>The worst severity among <paramref name="findings"/>, or null when there is none.</summary>
    public static PreflightSeverity? Worst(IEnumerable<PreflightFinding> findings) =>
        findings.Select(f => (PreflightSeverity?)f.Severity).Max();

    /// <summary>Writes the report.</summary>
    public static void Write(PreflightReport report, TextWriter output)
    {
        var environments = report.Findings.Where(f => f.Map is null).ToList();
        if (environments.Count > 0)
        {
            output.WriteLine("Environments");
            Write(environments, output);
        }

        foreach (var map in report.Maps)
        {
            output.WriteLine($"{map}: {Status(Worst(report.For(map)))}");
            Write(report.Findings.Where(f => f.Map == map), output);
        }

        var counts = report.Maps.GroupBy(map => Status(Worst(report.For(map)))).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{report.Maps.Count} map(s): {Count(counts, "breaking")} breaking, {Count(counts, "warnings")} with warnings, {Count(counts, "ok")} ok.");
    }

    /// <summary>The report as one string (for a log or an exception).</summary>
    public static string ToText(PreflightReport report)
    {
        using var writer = new StringWriter();
        Write(report, writer);
        return writer.ToString();
    }

    private static void Write(IEnumerable<PreflightFinding> findings, TextWriter output)
    {
        foreach (var finding in findings.OrderByDescending(f => f.Severity))
        {
            var where = finding.EntitySet is null ? string.Empty : $" {finding.EntitySet}{(finding.Field is null ? string.Empty : "." + finding.Field)}";
            output.WriteLine($"  {finding.Severity.ToString().ToUpperInvariant()} {finding.Side}{where}: {finding.Problem}");
            if (finding.Compiled is not null || finding.Live is not null)
            {
                output.WriteLine($"      compiled: {finding.Compiled ?? "(none)"}; live: {finding.Live ?? "(none)"}");
            }

            output.WriteLine($"      fix: {finding.Fix}");
        }
    }

    private static int Count(IReadOnlyDictionary<string, int> counts, string status) => counts.TryGetValue(status, out var count) ? count : 0;
}
