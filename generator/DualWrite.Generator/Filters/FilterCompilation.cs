using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Filters;

/// <summary>What a filter is compiled against, and where its text sits in the .dwmap file.</summary>
/// <param name="Schema">The index of the side's schema (<see cref="SchemaIndex.ForFo"/> or <see cref="SchemaIndex.ForDataverse"/>).</param>
/// <param name="EntityType">The entity type the filter reads.</param>
/// <param name="Lines">The line map of the .dwmap file, for diagnostics.</param>
/// <param name="TextRange">Where the filter text (inside the backticks) sits in the file; diagnostics point at
/// <c>TextRange.Start</c> + the offset of the offending token in the text.</param>
/// <param name="EntityExpression">The C# expression of the entity instance the predicate reads, e.g. <c>entity</c>.</param>
/// <param name="FoEnumNamespace">The C# namespace of the generated F&amp;O enums, e.g. <c>global::Contoso.Integration.Fo</c>.</param>
/// <param name="SourceOffsets">Where the text is spelled with escapes: the source offset of each character and of the
/// end (<see cref="Syntax.FilterItem.SourceOffsets"/>); empty when the text sits verbatim at <paramref name="TextRange"/>.</param>
/// <param name="Members">On a user's class, the C# property of each schema property whose name differs.</param>
internal sealed record FilterContext(
    SchemaIndex Schema,
    EntityTypeInfo EntityType,
    LineMap Lines,
    TextRange TextRange,
    string EntityExpression,
    string FoEnumNamespace,
    EquatableArray<int> SourceOffsets = default,
    System.Collections.Generic.IReadOnlyDictionary<string, string>? Members = null)
{
    /// <summary>The C# property of a schema property: its own name, or on a user's class the property that stands for it.</summary>
    public string MemberOf(string propertyName) => Members is not null && Members.TryGetValue(propertyName, out var member) ? member : propertyName;

    /// <summary>The source range of <paramref name="length"/> characters of the text from <paramref name="offset"/>.</summary>
    public TextRange SourceRange(int offset, int length) => SourceOffsets.IsEmpty
        ? new TextRange(TextRange.Start + offset, length)
        : TextRange.FromBounds(SourceOffsets[offset], SourceOffsets[offset + length]);
}

/// <summary>The result of compiling one filter.</summary>
/// <param name="CSharpPredicate">A C# boolean expression over <see cref="FilterContext.EntityExpression"/>; null when there are errors.</param>
/// <param name="ODataFilter">F&amp;O filters only: the OData <c>$filter</c> text for F&amp;O's <c>/data</c> endpoint; null for
/// Dataverse filters and on errors.</param>
/// <param name="UsedProperties">Schema spellings of the properties the filter reads, in order of first use.</param>
/// <param name="Diagnostics">Errors and warnings, in text order.</param>
internal sealed record FilterCompilation(
    string? CSharpPredicate,
    string? ODataFilter,
    EquatableArray<string> UsedProperties,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors
    {
        get
        {
            foreach (var diagnostic in Diagnostics)
            {
                if (diagnostic.EffectiveSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
