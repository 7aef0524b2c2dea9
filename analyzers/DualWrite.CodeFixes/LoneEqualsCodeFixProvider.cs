using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.CodeFixes;

/// <summary>DW0024: a lone <c>=</c> in an F&amp;O filter becomes <c>==</c>, in place inside the string.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoneEqualsCodeFixProvider)), Shared]
public sealed class LoneEqualsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DW0024");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (span.Length != 1 || span.End > text.Length || text[span.Start] != '=')
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Write '==' to compare", _ => Task.FromResult(context.Document.WithText(text.WithChanges(new TextChange(span, "==")))), nameof(LoneEqualsCodeFixProvider)),
                diagnostic);
        }
    }
}
