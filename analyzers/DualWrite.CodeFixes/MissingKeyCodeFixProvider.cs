using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.CodeFixes;

/// <summary>
/// DW0020 when the table has exactly one alternate key of one column and the entity key one field: adds
/// <c>[Key("Field", "column")]</c> under <c>[DualWriteMap]</c>. The generator puts the pair in the diagnostic's
/// properties, since only binding knows the schemas.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingKeyCodeFixProvider)), Shared]
public sealed class MissingKeyCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DW0020");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("DualWrite.FoKey", out var fo) || fo is null
                || !diagnostic.Properties.TryGetValue("DualWrite.DataverseKey", out var dataverse) || dataverse is null
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration
                || SourceEdits.ListOf(declaration, "DualWriteMap") is not { } header)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [Key(\"{fo}\", \"{dataverse}\")]",
                    _ => Task.FromResult(context.Document.WithText(SourceEdits.InsertLinesAfter(text, header, $"[Key(\"{fo}\", \"{dataverse}\")]"))),
                    nameof(MissingKeyCodeFixProvider)),
                diagnostic);
        }
    }
}
