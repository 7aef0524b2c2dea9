using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.Generator.Attributes;

/// <summary>
/// One attribute application as the front end reads it: its arguments by parameter or property name, each
/// turned into the value the map language would have (a name, an arrow, a literal) with the range of the
/// argument that wrote it. Lives only inside the transform; nothing from Roslyn leaves it.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly Dictionary<string, ExpressionSyntax> _byName;
    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellationToken;

    private AttributeArguments(string typeName, AttributeSyntax syntax, List<ExpressionSyntax> positional, Dictionary<string, ExpressionSyntax> byName, SemanticModel model, CancellationToken cancellationToken)
    {
        TypeName = typeName;
        Syntax = syntax;
        Positional = positional;
        _byName = byName;
        _model = model;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The attribute class's full name, e.g. <c>DualWrite.FieldAttribute</c>.</summary>
    public string TypeName { get; }

    public AttributeSyntax Syntax { get; }

    public TextRange Range => new(Syntax.Span.Start, Syntax.Span.Length);

    /// <summary>The attribute's name as written (<c>Field</c> in <c>[Field(…)]</c>).</summary>
    public TextRange NameRange => new(Syntax.Name.Span.Start, Syntax.Name.Span.Length);

    /// <summary>Every constructor argument in order, for <c>params</c> constructors.</summary>
    public List<ExpressionSyntax> Positional { get; }

    /// <summary>Reads the attributes of a declaration that bind to a type of the DualWrite namespace.</summary>
    public static IEnumerable<AttributeArguments> Of(SyntaxList<AttributeListSyntax> lists, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var attribute in lists.SelectMany(l => l.Attributes))
        {
            var info = model.GetSymbolInfo(attribute, cancellationToken);
            var constructor = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
            // A plain local, not a pattern variable: mutation testing turns conditions into constants, and a pattern
            // variable read after such a condition no longer compiles (each one cost Stryker a recompilation).
            var type = constructor?.ContainingType;
            if (constructor is null || type is null || type.ContainingNamespace?.ToDisplayString() != AttributeNames.Namespace)
            {
                continue;
            }

            var positional = new List<ExpressionSyntax>();
            var byName = new Dictionary<string, ExpressionSyntax>();
            foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameEquals is { } property)
                {
                    byName[property.Name.Identifier.ValueText] = argument.Expression;
                }
                else if (argument.NameColon is { } parameter)
                {
                    byName[parameter.Name.Identifier.ValueText] = argument.Expression;
                }
                else
                {
                    if (positional.Count < constructor.Parameters.Length && !constructor.Parameters[positional.Count].IsParams)
                    {
                        byName[constructor.Parameters[positional.Count].Name] = argument.Expression;
                    }

                    positional.Add(argument.Expression);
                }
            }

            yield return new AttributeArguments(type.ToDisplayString(), attribute, positional, byName, model, cancellationToken);
        }
    }

    public ExpressionSyntax? this[string name] => _byName.TryGetValue(name, out var expression) ? expression : null;

    public bool Has(string name) => _byName.ContainsKey(name);

    public static TextRange RangeOf(SyntaxNode node) => new(node.Span.Start, node.Span.Length);

    /// <summary>
    /// A string argument: its constant value, or for <c>nameof(…)</c> the name it yields (the generator runs
    /// before its own classes exist, so <c>nameof(Fo.CustomerV3.CreditLimit)</c> has no constant value yet; its
    /// value is always the last identifier). Null when the argument is <c>null</c> or cannot be read; the latter
    /// is reported.
    /// </summary>
    public SourceString? String(string name, DiagnosticBag diagnostics, out bool isNull)
    {
        isNull = false;
        if (this[name] is not { } expression)
        {
            return null;
        }

        var constant = _model.GetConstantValue(expression, _cancellationToken);
        if (constant.HasValue)
        {
            if (constant.Value is string text)
            {
                return SourceString.Of(expression, text);
            }

            if (constant.Value is null)
            {
                isNull = true;
                return null;
            }
        }
        else if (NameOf(expression) is { } nameOf)
        {
            return SourceString.Of(expression, nameOf);
        }

        diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, RangeOf(expression), $"'{name}' must be a constant string, a 'nameof' or null.");
        return null;
    }

    public SourceString? String(string name, DiagnosticBag diagnostics) => String(name, diagnostics, out _);

    /// <summary>
    /// The <c>via</c> name: a string, or <c>nameof</c> of a static method (which becomes
    /// <c>Namespace.Type.Method</c>) or of a value-map class (its name).
    /// </summary>
    public SourceString? Via(string name, DiagnosticBag diagnostics)
    {
        if (this[name] is InvocationExpressionSyntax invocation && IsNameOf(invocation))
        {
            var target = invocation.ArgumentList.Arguments[0].Expression;
            var info = _model.GetSymbolInfo(target, _cancellationToken);
            var method = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
            if (method?.ContainingType is { } type)
            {
                return SourceString.Of(invocation, type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMemberOptions(SymbolDisplayMemberOptions.None)) + "." + method.Name);
            }
        }

        return String(name, diagnostics);
    }

    /// <summary>The class of a <c>typeof(…)</c> argument, or null when the argument is not one or names no class.</summary>
    public INamedTypeSymbol? TypeOf(string name) =>
        this[name] is TypeOfExpressionSyntax typeOf && _model.GetTypeInfo(typeOf.Type, _cancellationToken).Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type
            ? type
            : null;

    /// <summary>An arrow argument: <c>"&lt;-&gt;"</c>, <c>"-&gt;"</c> or <c>"&lt;-"</c>.</summary>
    public (SyncDirection Direction, TextRange Range)? Direction(string name, DiagnosticBag diagnostics)
    {
        if (String(name, diagnostics) is not { } text)
        {
            return null;
        }

        SyncDirection? direction = text.Value switch
        {
            "<->" => Generator.Syntax.SyncDirection.Both,
            "->" => Generator.Syntax.SyncDirection.ToDataverse,
            "<-" => Generator.Syntax.SyncDirection.ToFo,
            _ => null,
        };
        if (direction is null)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, text.Whole, $"\"{text.Value}\" is not a direction; write \"<->\" (both ways), \"->\" (F&O to Dataverse) or \"<-\" (Dataverse to F&O).");
            return null;
        }

        return (direction.Value, text.Whole);
    }

    /// <summary>An enum argument (<c>CompanyScope.Striped</c>) as its underlying value.</summary>
    public (int Value, TextRange Range)? Enum(string name)
    {
        if (this[name] is not { } expression)
        {
            return null;
        }

        var constant = _model.GetConstantValue(expression, _cancellationToken);
        return constant.HasValue && constant.Value is int value ? (value, RangeOf(expression)) : null;
    }

    /// <summary>
    /// A literal of the map language: strings, numbers as written, <c>true</c>/<c>false</c>, <c>null</c>, and an
    /// F&amp;O enum member written as a member access (<c>Fo.NoYes.Yes</c>) as <c>NoYes::Yes</c>.
    /// </summary>
    public Literal? Literal(string name, DiagnosticBag diagnostics)
    {
        if (this[name] is not { } expression)
        {
            return null;
        }

        var range = RangeOf(expression);
        var inner = expression;
        while (inner is CastExpressionSyntax or ParenthesizedExpressionSyntax)
        {
            inner = inner is CastExpressionSyntax cast ? cast.Expression : ((ParenthesizedExpressionSyntax)inner).Expression;
        }

        var negative = false;
        if (inner is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus)
        {
            negative = true;
            inner = minus.Operand;
        }

        if (inner is LiteralExpressionSyntax { Token: var token } && token.IsKind(SyntaxKind.NumericLiteralToken))
        {
            return Number(token, negative, range);
        }

        var constant = _model.GetConstantValue(expression, _cancellationToken);
        var type = _model.GetTypeInfo(inner, _cancellationToken).Type;
        if (inner is MemberAccessExpressionSyntax access && (!constant.HasValue || type?.TypeKind == TypeKind.Enum))
        {
            var enumType = access.Expression is MemberAccessExpressionSyntax outer ? outer.Name.Identifier.ValueText : access.Expression.ToString();
            return new Literal(LiteralKind.EnumValue, enumType + "::" + access.Name.Identifier.ValueText, range);
        }

        switch (constant.HasValue ? constant.Value : Unreadable)
        {
            case null:
                return new Literal(LiteralKind.Null, "null", range);
            case string text:
                return new Literal(LiteralKind.String, text, range);
            case char c:
                return new Literal(LiteralKind.String, c.ToString(), range);
            case bool b:
                return new Literal(LiteralKind.Boolean, b ? "true" : "false", range);
            case int or long or short or byte or sbyte or uint or ulong or ushort:
                return new Literal(LiteralKind.Integer, System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture)!, range);
            case double or float or decimal:
                return new Literal(LiteralKind.Decimal, System.Convert.ToDecimal(constant.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), range);
        }

        diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, range, $"'{name}' must be a constant: a string, a number, true, false, null or an F&O enum member such as Fo.NoYes.Yes.");
        return null;
    }

    private static readonly object Unreadable = new();

    private static Literal Number(SyntaxToken token, bool negative, TextRange range)
    {
        var text = token.Text.Replace("_", string.Empty);
        if (text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase) || text.StartsWith("0b", System.StringComparison.OrdinalIgnoreCase))
        {
            text = System.Convert.ToString(token.Value, CultureInfo.InvariantCulture)!;
        }

        text = text.TrimEnd('m', 'M', 'd', 'D', 'f', 'F', 'l', 'L', 'u', 'U');
        var isDecimal = text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 || token.Value is double or float or decimal;
        if (isDecimal && text.IndexOfAny(new[] { 'e', 'E' }) >= 0)
        {
            text = System.Convert.ToDecimal(token.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        return new Literal(isDecimal ? LiteralKind.Decimal : LiteralKind.Integer, (negative ? "-" : string.Empty) + text, range);
    }

    /// <summary>The value of <c>nameof(a.b.C)</c>, which is always its last identifier.</summary>
    public static string? NameOf(ExpressionSyntax expression)
    {
        if (expression is not InvocationExpressionSyntax invocation || !IsNameOf(invocation))
        {
            return null;
        }

        return invocation.ArgumentList.Arguments[0].Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };
    }

    private static bool IsNameOf(InvocationExpressionSyntax invocation) =>
        invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && invocation.ArgumentList.Arguments.Count == 1;
}
