using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.CodeFixes;

/// <summary>
/// DW0011: a filter that only restricts the legal entity becomes a comment saying that companies are chosen
/// when the environments are linked. Offered only when the company comparison is the whole filter: removing
/// one condition out of several would change what the rest of the filter means.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CompanyFilterCodeFixProvider)), Shared]
public sealed class CompanyFilterCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DW0011");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, findInsideTrivia: false, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
                || !(SourceEdits.IsNamed(attribute, "FoFilter") || SourceEdits.IsNamed(attribute, "DataverseFilter"))
                || attribute.Parent is not AttributeListSyntax { Attributes.Count: 1 } list
                || !SourceEdits.IsAloneOnItsLine(text, list)
                || attribute.ArgumentList?.Arguments.Count != 1
                || model?.GetConstantValue(attribute.ArgumentList.Arguments[0].Expression, context.CancellationToken).Value is not string filter
                || !IsSingleCondition(filter))
            {
                continue;
            }

            var note = $"// Which companies sync is chosen when the environments are linked (run-time configuration), not per map; removed: {filter}";
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove the company filter: companies are linked at run time",
                    _ => Task.FromResult(context.Document.WithText(text.WithChanges(new TextChange(list.Span, note)))),
                    nameof(CompanyFilterCodeFixProvider)),
                diagnostic);
        }
    }

    private static bool IsSingleCondition(string filter)
    {
        var lower = filter.ToLowerInvariant();
        return lower.IndexOf("&&", StringComparison.Ordinal) < 0 && lower.IndexOf("||", StringComparison.Ordinal) < 0
            && lower.IndexOf(" and ", StringComparison.Ordinal) < 0 && lower.IndexOf(" or ", StringComparison.Ordinal) < 0
            && lower.IndexOf("!", StringComparison.Ordinal) is var bang && (bang < 0 || lower.IndexOf("!=", StringComparison.Ordinal) == bang)
            && lower.IndexOf("not ", StringComparison.Ordinal) < 0;
    }
}
