using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.CodeFixes;

/// <summary>
/// DW0027: <c>(Field == "V0*")</c> in an F&amp;O filter becomes <c>(Field like "V0*")</c>, in place inside the string:
/// the diagnostic is on the value, and the operator is the token before it.
/// </summary>
/// <remarks>
/// Offered for the attribute form (<c>[FoFilter]</c>) only: Roslyn applies code fixes to documents of the
/// compilation, and a .dwmap file is an AdditionalFile, not one of them.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WildcardEqualsCodeFixProvider)), Shared]
public sealed class WildcardEqualsCodeFixProvider : InPlaceTextFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DW0027");

    protected override string Title => "Match the pattern with 'like'";

    protected override string Replacement => "like";

    protected override TextSpan? SpanToReplace(SourceText text, TextSpan diagnosticSpan) => EqualsBefore(text, diagnosticSpan.Start);

    /// <summary>The <c>==</c> (or lone <c>=</c>, read as <c>==</c>) that ends, but for spaces, at <paramref name="position"/>; null for <c>!=</c> and anything else.</summary>
    private static TextSpan? EqualsBefore(SourceText text, int position)
    {
        var end = position;
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        var start = end;
        while (start > 0 && text[start - 1] == '=' && end - start < 2)
        {
            start--;
        }

        return start < end && (start == 0 || text[start - 1] is not ('!' or '<' or '>' or '=')) ? TextSpan.FromBounds(start, end) : null;
    }
}
