using System.Collections.Immutable;
using System.Linq;
using DualWrite.Generator.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualWrite.Analyzers;

/// <summary>
/// DW0025 for a map clause (<c>[Field]</c>, <c>[Key]</c>, …) on a class without <c>[DualWriteMap]</c>, a
/// value-map entry on a class without <c>[DualWriteValueMap]</c>, or <c>[EntityProperty]</c> in a class without
/// <c>[FoEntity]</c> / <c>[DataverseEntity]</c>. The generator only looks at classes that carry those
/// attributes, so without this the clauses would be ignored without a word.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MisplacedAttributeAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> MapClauses = ImmutableHashSet.Create(
        "CompanyAttribute", "KeyAttribute", "DualWriteKeyAttribute", "FoFilterAttribute", "DataverseFilterAttribute", "AfterAttribute", "ConflictAttribute", "DeletesAttribute", "FieldAttribute", "NumbersAttribute");

    private static readonly ImmutableHashSet<string> ValueMapClauses = ImmutableHashSet.Create("ValueMapEntryAttribute", "ValueMapElseAttribute");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.InvalidMapAttribute);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
        context.RegisterSymbolAction(AnalyzeProperty, SymbolKind.Property);
    }

    // DW0025 with its help link where the project moved the links (the generator reads the same property).
    private static DiagnosticDescriptor Descriptor(SymbolAnalysisContext context) => DiagnosticDescriptors.WithHelpLinkBase(
        DiagnosticDescriptors.InvalidMapAttribute,
        context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + DiagnosticDescriptors.HelpLinkBaseProperty, out var value) ? value : null);

    private static void AnalyzeProperty(SymbolAnalysisContext context)
    {
        var property = (IPropertySymbol)context.Symbol;
        var attribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "DualWrite.EntityPropertyAttribute");
        if (attribute is null || property.ContainingType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "DualWrite.FoEntityAttribute" or "DualWrite.DataverseEntityAttribute"))
        {
            return;
        }

        if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is { } syntax)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor(context), syntax.GetLocation(),
                $"[EntityProperty] is read only in a class marked [FoEntity(\"<EntitySet>\")] or [DataverseEntity(\"<entityset>\")]; mark '{property.ContainingType.Name}' with the entity set it stands for, or remove the attribute."));
        }
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = type.GetAttributes().Where(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "DualWrite").ToList();
        if (attributes.Count == 0)
        {
            return;
        }

        var isMap = attributes.Any(a => a.AttributeClass!.Name == "DualWriteMapAttribute");
        var isValueMap = attributes.Any(a => a.AttributeClass!.Name == "DualWriteValueMapAttribute");
        foreach (var attribute in attributes)
        {
            var name = attribute.AttributeClass!.Name;
            var shortName = name.Substring(0, name.Length - "Attribute".Length);
            string? message = null;
            if (MapClauses.Contains(name) && !isMap)
            {
                message = $"[{shortName}] is a clause of a map and is read only on a class with [DualWriteMap]; add [DualWriteMap(\"<FoEntitySet>\", \"<->\", \"<dataverseentityset>\")] to '{type.Name}' or move the attribute to the map's class.";
            }
            else if (ValueMapClauses.Contains(name) && !isValueMap)
            {
                message = $"[{shortName}] is an entry of a value map and is read only on a class with [DualWriteValueMap]; add [DualWriteValueMap] to '{type.Name}'.";
            }

            if (message is not null && attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is { } syntax)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor(context), syntax.GetLocation(), message));
            }
        }
    }
}
