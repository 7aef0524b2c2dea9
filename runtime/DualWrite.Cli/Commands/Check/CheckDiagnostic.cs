using System;
using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;

namespace DualWrite.Cli.Commands.Check;

/// <summary>
/// A generator diagnostic as <c>check</c> reports it: the path relative to the checked folder, 1-based lines and
/// columns, and the message in the invariant culture. The property order is the JSON output's.
/// </summary>
public sealed record CheckDiagnostic(string Id, string Severity, string? Path, int? Line, int? Column, int? EndLine, int? EndColumn, string Message)
{
    [JsonIgnore]
    public bool IsError => Severity == "error";

    [JsonIgnore]
    public bool IsWarning => Severity == "warning";

    public static CheckDiagnostic From(Diagnostic diagnostic, string root)
    {
        var span = diagnostic.Location.GetLineSpan();
        var located = diagnostic.Location != Location.None && !string.IsNullOrEmpty(span.Path);
        return new CheckDiagnostic(
            diagnostic.Id,
            SeverityName(diagnostic.Severity),
            located ? System.IO.Path.GetRelativePath(root, span.Path) : null,
            located ? span.StartLinePosition.Line + 1 : null,
            located ? span.StartLinePosition.Character + 1 : null,
            located ? span.EndLinePosition.Line + 1 : null,
            located ? span.EndLinePosition.Character + 1 : null,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    private static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };
}
