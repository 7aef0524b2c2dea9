using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.CodeFixes;

/// <summary>DW0024: a lone <c>=</c> in an F&amp;O filter becomes <c>==</c>, in place inside the string.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoneEqualsCodeFixProvider)), Shared]
public sealed class LoneEqualsCodeFixProvider : InPlaceTextFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DW0024");

    protected override string Title => "Write '==' to compare";

    protected override string Replacement => "==";

    protected override TextSpan? SpanToReplace(SourceText text, TextSpan diagnosticSpan) =>
        diagnosticSpan.Length == 1 && diagnosticSpan.End <= text.Length && text[diagnosticSpan.Start] == '=' ? diagnosticSpan : null;
}
