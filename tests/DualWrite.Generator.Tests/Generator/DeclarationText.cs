using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.Generator.Tests.Generator;

/// <summary>
/// A C# file's tokens less the bodies of its methods, constructors, operators and accessors (block or arrow), with every preprocessor directive. The compiler reads the bodies only when it binds method bodies, so
/// two compilations whose files have equal declaration texts have the same declaration diagnostics: the fuzz test
/// binds the declarations of a generated output again only when a mutation changed them. Field initializers,
/// attributes and constants stay in the text (the compiler binds some of them with the declarations).
/// </summary>
internal static class DeclarationText
{
    public static string Of(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var text = new StringBuilder();
        foreach (var token in root.DescendantTokens(node => !IsBody(node)))
        {
            text.Append(token.Text).Append(' ');
        }

        // A directive in a body (#nullable, #pragma, #error) changes what follows it, so all of them count.
        foreach (var directive in root.DescendantTrivia(descendIntoTrivia: true).Where(t => t.IsDirective))
        {
            text.Append('\n').Append(directive.ToString());
        }

        return text.ToString();
    }

    private static bool IsBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax;
}
