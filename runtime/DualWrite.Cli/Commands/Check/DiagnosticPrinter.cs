using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DualWrite.Cli.Commands.Check;

public enum OutputFormat
{
    Text,
    Json,
}

public static class DiagnosticPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // Messages quote names ('acounts'); the default encoder would print them as \u0027 for HTML's sake.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(IReadOnlyList<CheckDiagnostic> diagnostics, OutputFormat format, TextWriter output)
    {
        if (format == OutputFormat.Json)
        {
            // Only the array, so that the output can be piped straight into a JSON reader.
            output.WriteLine(JsonSerializer.Serialize(diagnostics, JsonOptions));
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(FormatLine(diagnostic));
        }

        output.WriteLine($"{diagnostics.Count(d => d.IsError)} error(s), {diagnostics.Count(d => d.IsWarning)} warning(s)");
    }

    /// <summary>
    /// <c>maps/customers.dwmap(3,5): error DW0003: message</c>: the MSBuild canonical format, which IDEs, CI log
    /// parsers and problem matchers already understand.
    /// </summary>
    public static string FormatLine(CheckDiagnostic diagnostic)
    {
        var origin = diagnostic.Path is null ? "dualwrite" : $"{diagnostic.Path}({diagnostic.Line},{diagnostic.Column})";
        return $"{origin}: {diagnostic.Severity} {diagnostic.Id}: {diagnostic.Message}";
    }
}
