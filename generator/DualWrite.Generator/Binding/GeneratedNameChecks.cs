using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Emit;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Reports names that generated C# cannot carry (DW0026, <see cref="GeneratedNames"/>) at the name; such a
/// declaration is not bound, so no code that would not compile is generated for it.
/// </summary>
internal static class GeneratedNameChecks
{
    /// <summary>Whether every segment of a file's namespace can be generated; <see cref="NamespaceDiagnostics"/> reports those that cannot.</summary>
    public static bool NamespaceUsable(DottedName? @namespace) =>
        @namespace is null || @namespace.Parts.All(segment => GeneratedNames.NamespaceProblem(segment.Text) is null);

    /// <summary>
    /// DW0026 for the namespace of a file: reported once per file, not by each of its declarations' bindings (which
    /// skip the file's declarations when its namespace is not usable).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> NamespaceDiagnostics(DwmapFile file)
    {
        if (file.Namespace is null)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var diagnostics = new DiagnosticBag(file.Lines);
        foreach (var segment in file.Namespace.Parts)
        {
            Report(GeneratedNames.NamespaceProblem(segment.Text), segment, diagnostics);
        }

        return diagnostics.ToEquatableArray();
    }

    public static bool Usable(Declaration declaration, DiagnosticBag diagnostics) => declaration switch
    {
        MapDeclaration map => Report(GeneratedNames.MapProblem(map.Name.Text), map.Name, diagnostics),
        ValueMapDeclaration valueMap => Report(GeneratedNames.ValueMapProblem(valueMap.Name.Text), valueMap.Name, diagnostics),
        NumbersDeclaration numbers => Report(GeneratedNames.NumbersProblem(numbers.Name.Text, numbers.Map.Text), numbers.Name, diagnostics),
        _ => true,
    };

    private static bool Report(string? problem, Identifier name, DiagnosticBag diagnostics)
    {
        if (problem is null)
        {
            return true;
        }

        diagnostics.Add(DiagnosticDescriptors.NameNotGeneratable, name.Range, problem);
        return false;
    }
}
