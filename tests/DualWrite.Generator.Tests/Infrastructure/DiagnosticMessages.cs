using System.Globalization;
using System.Linq;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>The messages of a run's diagnostics in source order, as the user reads them.</summary>
public static class DiagnosticMessages
{
    public static string[] Of(GeneratorRun run, string? id = null) => run.Result.Diagnostics
        .Where(d => id is null || d.Id == id)
        .OrderBy(d => d.Location.SourceSpan.Start)
        .Select(d => d.GetMessage(CultureInfo.InvariantCulture))
        .ToArray();
}
