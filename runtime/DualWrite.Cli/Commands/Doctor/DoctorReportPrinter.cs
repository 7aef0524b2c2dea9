using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DualWrite.Cli.Commands.Check;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Cli.Commands.Doctor;

/// <summary>Prints a preflight report: the environments' own findings, then each map with its findings, then the verdict.</summary>
internal static class DoctorReportPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Print(PreflightReport report, OutputFormat format, TextWriter output)
    {
        if (format == OutputFormat.Json)
        {
            var json = new
            {
                Status = Status(report.Worst),
                Environments = report.Findings.Where(f => f.Map is null),
                Maps = report.Maps.Select(map => new
                {
                    Name = map,
                    Status = Status(Worst(report.Findings.Where(f => f.Map == map))),
                    Findings = report.Findings.Where(f => f.Map == map),
                }),
            };
            output.WriteLine(JsonSerializer.Serialize(json, JsonOptions));
            return;
        }

        var environments = report.Findings.Where(f => f.Map is null).ToList();
        if (environments.Count > 0)
        {
            output.WriteLine("Environments");
            Write(environments, output);
        }

        foreach (var map in report.Maps)
        {
            var findings = report.Findings.Where(f => f.Map == map).ToList();
            output.WriteLine($"{map}: {Status(Worst(report.For(map)))}");
            Write(findings, output);
        }

        var counts = report.Maps.GroupBy(map => Status(Worst(report.For(map)))).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{report.Maps.Count} map(s): {Count(counts, "breaking")} breaking, {Count(counts, "warnings")} with warnings, {Count(counts, "ok")} ok.");
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

    private static PreflightSeverity? Worst(IEnumerable<PreflightFinding> findings) =>
        findings.Select(f => (PreflightSeverity?)f.Severity).Max();

    private static string Status(PreflightSeverity? worst) => worst switch
    {
        PreflightSeverity.Breaking => "breaking",
        PreflightSeverity.Warning => "warnings",
        _ => "ok",
    };

    private static int Count(IReadOnlyDictionary<string, int> counts, string status) => counts.TryGetValue(status, out var count) ? count : 0;
}
