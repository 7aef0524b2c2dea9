using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Checks;

/// <summary>
/// Checks that span files: names declared twice (DW0017) and the schemas (DW0018: one per side, among the
/// AdditionalFiles, readable).
/// </summary>
internal static class DeclarationChecks
{
    public static EquatableArray<DiagnosticInfo> Check(
        IReadOnlyList<DeclarationSites> files,
        IReadOnlyCollection<string> additionalFiles,
        IReadOnlyList<SchemaLoadError> loadErrors)
    {
        var diagnostics = new List<DiagnosticInfo>();
        CheckNames(files, diagnostics);
        CheckSchemas(files, additionalFiles, loadErrors, diagnostics);
        return diagnostics.ToEquatableArray();
    }

    private static void CheckNames(IReadOnlyList<DeclarationSites> files, List<DiagnosticInfo> diagnostics)
    {
        // Names that differ only in case count as the same: they name generated files, and file names (hint
        // names) compare ignoring case, so one of the two would otherwise be dropped without a word.
        var seen = new Dictionary<string, NamedSite>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in files.SelectMany(f => f.Names))
        {
            if (seen.TryGetValue(site.Name, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, site.Location,
                    $"The name '{site.Name}' is already used by the {first.Kind} '{first.Name}' at {first.Location}; maps, value maps and numbers share one set of names, which ignores case, so rename this {site.Kind}."));
            }
            else
            {
                seen.Add(site.Name, site);
            }
        }
    }

    private static void CheckSchemas(
        IReadOnlyList<DeclarationSites> files,
        IReadOnlyCollection<string> additionalFiles,
        IReadOnlyList<SchemaLoadError> loadErrors,
        List<DiagnosticInfo> diagnostics)
    {
        var additional = new HashSet<string>(additionalFiles, StringComparer.Ordinal);
        var chosen = new Dictionary<Side, SchemaDeclarationSite>();
        foreach (var site in files.SelectMany(f => f.Schemas))
        {
            var side = site.Side == Side.Fo ? "fo" : "dataverse";
            if (chosen.TryGetValue(site.Side, out var first))
            {
                if (first.Path != site.Path)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaMissing, site.Location,
                        $"The {side} schema is already declared as \"{first.WrittenPath}\" at {first.Location}; a compilation has one schema per side, so remove this declaration or point it at the same file."));
                }

                continue;
            }

            chosen.Add(site.Side, site);
            if (!additional.Contains(site.Path))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaMissing, site.Location,
                    $"\"{site.WrittenPath}\" (resolved to '{site.Path}') is not among the compilation's AdditionalFiles; check the path, or add <AdditionalFiles Include=\"{site.WrittenPath}\" /> to the project."));
            }
            else if (loadErrors.FirstOrDefault(e => e.Path == site.Path) is { } error)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaMissing, site.Location,
                    $"The {side} schema \"{site.WrittenPath}\" cannot be read: {error.Error}"));
            }
        }

        foreach (var (side, keyword) in new[] { (Side.Fo, "fo"), (Side.Dataverse, "dataverse") })
        {
            if (chosen.ContainsKey(side))
            {
                continue;
            }

            var location = files.Select(f => side == Side.Fo ? f.FirstMapFo : f.FirstMapDataverse).FirstOrDefault(l => l is not null);
            if (location is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaMissing, location,
                    $"No {keyword} schema is declared, so the maps cannot be checked; add 'schema {keyword} \"<path to its $metadata>\"' to one .dwmap file."));
            }
        }
    }
}
