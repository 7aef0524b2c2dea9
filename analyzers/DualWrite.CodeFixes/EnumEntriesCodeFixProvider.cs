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
/// DW0013 for F&amp;O enum members without an entry towards Dataverse: adds one
/// <c>[ValueMapEntry(Fo.Enum.Member, "&lt;-&gt;", DataverseValue)]</c> per missing member after the class's
/// last entry. The Dataverse option values exist nowhere in $metadata, so the fix does not invent them: each
/// entry names <c>DataverseValue</c>, which does not compile until the developer writes the value. The
/// enum and its members come from the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnumEntriesCodeFixProvider)), Shared]
public sealed class EnumEntriesCodeFixProvider : CodeFixProvider
{
    /// <summary>The placeholder for the option value the developer has to write.</summary>
    public const string Placeholder = "DataverseValue";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DW0013");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("DualWrite.EnumType", out var enumType) || enumType is null
                || !diagnostic.Properties.TryGetValue("DualWrite.MissingMembers", out var members) || string.IsNullOrEmpty(members)
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration
                || declaration.AttributeLists.LastOrDefault() is not { } last)
            {
                continue;
            }

            var written = declaration.AttributeLists.ToString();
            var missing = members!.Split(',').Where(m => written.IndexOf($"{enumType}.{m},", System.StringComparison.Ordinal) < 0).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var lines = missing.Select(m => $"[ValueMapEntry(Fo.{enumType}.{m}, \"<->\", {Placeholder})]").ToArray();
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add value-map entries for {string.Join(", ", missing.Select(m => enumType + "." + m))}",
                    _ => Task.FromResult(context.Document.WithText(SourceEdits.InsertLinesAfter(text, last, lines))),
                    nameof(EnumEntriesCodeFixProvider)),
                diagnostic);
        }
    }
}
