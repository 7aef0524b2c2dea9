using DualWrite.Generator.Checks;
using DualWrite.Generator.Emit;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Reports names that generated C# cannot carry (DW0026, <see cref="GeneratedNames"/>) at the name; such a
/// declaration is not bound, so no code that would not compile is generated for it.
/// </summary>
internal static class GeneratedNameChecks
{
    public static bool NamespaceUsable(DottedName? @namespace, DiagnosticBag diagnostics)
    {
        if (@namespace is null)
        {
            return true;
        }

        var usable = true;
        foreach (var segment in @namespace.Parts)
        {
            usable &= Report(GeneratedNames.NamespaceProblem(segment.Text), segment, diagnostics);
        }

        return usable;
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
