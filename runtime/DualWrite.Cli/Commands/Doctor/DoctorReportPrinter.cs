using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DualWrite.Cli.Commands.Check;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Cli.Commands.Doctor;

/// <summary>Prints a preflight report as the host logs it (<see cref="PreflightReportText"/>), or as JSON for CI.</summary>
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
        if (format == OutputFormat.Text)
        {
            PreflightReportText.Write(report, output);
            return;
        }

        var json = new
        {
            Status = PreflightReportText.Status(report.Worst),
            Environments = report.Findings.Where(f => f.Map is null),
            Maps = report.Maps.Select(map => new
            {
                Name = map,
                Status = PreflightReportText.Status(PreflightReportText.Worst(report.For(map))),
                Findings = report.Findings.Where(f => f.Map == map),
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(json, JsonOptions));
    }
}
