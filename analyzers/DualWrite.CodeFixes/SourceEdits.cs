using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.CodeFixes;

/// <summary>
/// Line-level text edits: the fixes add or replace whole attribute lines, and editing text keeps the user's
/// layout and comments exactly as they are, which rebuilding the syntax tree would not.
/// </summary>
internal static class SourceEdits
{
    /// <summary>Inserts <paramref name="lines"/> after the line that ends <paramref name="node"/>, indented like it.</summary>
    public static SourceText InsertLinesAfter(SourceText text, SyntaxNode node, params string[] lines)
    {
        var line = text.Lines.GetLineFromPosition(node.Span.End);
        var indentation = Indentation(text, node);
        var newLine = line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
        var inserted = string.Concat(lines.Select(l => indentation + l + newLine));
        return text.WithChanges(new TextChange(new TextSpan(line.EndIncludingLineBreak, 0), line.EndIncludingLineBreak > line.End ? inserted : newLine + inserted.TrimEnd('\r', '\n')));
    }

    /// <summary>The whitespace before the first character of <paramref name="node"/>'s line.</summary>
    public static string Indentation(SourceText text, SyntaxNode node)
    {
        var line = text.Lines.GetLineFromPosition(node.SpanStart);
        var lineText = line.ToString();
        return lineText.Substring(0, lineText.Length - lineText.TrimStart().Length);
    }

    /// <summary>Whether <paramref name="node"/> is the only thing on its line.</summary>
    public static bool IsAloneOnItsLine(SourceText text, SyntaxNode node)
    {
        var line = text.Lines.GetLineFromPosition(node.SpanStart);
        return text.Lines.GetLineFromPosition(node.Span.End).LineNumber == line.LineNumber && line.ToString().Trim() == node.ToString();
    }

    /// <summary>The attribute list of a class that holds an attribute named <paramref name="name"/> (<c>DualWriteMap</c>).</summary>
    public static AttributeListSyntax? ListOf(ClassDeclarationSyntax declaration, string name) =>
        declaration.AttributeLists.FirstOrDefault(l => l.Attributes.Any(a => IsNamed(a, name)));

    public static bool IsNamed(AttributeSyntax attribute, string name)
    {
        var written = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return written == name || written == name + "Attribute";
    }
}
