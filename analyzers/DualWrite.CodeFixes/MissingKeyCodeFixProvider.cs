using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.CodeFixes;

/// <summary>
/// DW0020 when the table has exactly one alternate key of one column and the entity key one field: adds
/// <c>[Key("Field", "column")]</c> under <c>[DualWriteMap]</c>. The generator puts the pair in the diagnostic's
/// properties, since only binding knows the schemas. In a file that imports
/// <c>System.ComponentModel.DataAnnotations</c>, whose <c>[Key]</c> would make the name ambiguous, it writes
/// <c>[DualWriteKey(…)]</c> instead.
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

            var attribute = $"[{KeyAttributeName(root)}(\"{fo}\", \"{dataverse}\")]";
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add " + attribute,
                    _ => Task.FromResult(context.Document.WithText(SourceEdits.InsertLinesAfter(text, header, attribute))),
                    nameof(MissingKeyCodeFixProvider)),
                diagnostic);
        }
    }

    private static string KeyAttributeName(SyntaxNode root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(u => u.Alias is null && u.Name?.ToString() == "System.ComponentModel.DataAnnotations")
            ? "DualWriteKey"
            : "Key";
}
