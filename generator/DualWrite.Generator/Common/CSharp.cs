using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace DualWrite.Generator.Common;

/// <summary>Spelling values and names as C# source, in invariant culture.</summary>
internal static class CSharp
{
    /// <summary>A regular string literal with every character that needs it escaped.</summary>
    public static string StringLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>A name usable as a C# identifier: keywords get <c>@</c>.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword
            ? "@" + name
            : name;

    /// <summary>
    /// A .dwmap name as the name of a generated namespace or class: keywords and contextual keywords get <c>@</c>
    /// (C# refuses <c>file</c>, <c>required</c>, <c>scoped</c> and <c>record</c> as type names unless escaped).
    /// </summary>
    public static string TypeName(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>The first letter upper-cased (entity class names, DSL.md §6).</summary>
    public static string Pascal(string name) =>
        name.Length == 0 || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
}
