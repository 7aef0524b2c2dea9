using System;
using System.Collections.Generic;
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
/// The attribute front end: turns a <c>[DualWriteMap]</c> class, a <c>[DualWriteValueMap]</c> class or a
/// file's <c>[assembly: DualWriteSchema]</c> attributes into the syntax tree a .dwmap file with the same
/// clauses would parse to, with every range pointing at the C# argument that wrote it. Binding, checks and
/// emit are then the .dwmap front end's, so both forms mean the same and report the same diagnostics.
/// </summary>
internal static class AttributeFrontEnd
{
    private const string MapSuffix = "Map";

    public static DwmapFile ReadMap(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var (file, lines, diagnostics) = Begin(context.TargetNode, cancellationToken);
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        var className = declaration.Identifier.ValueText;
        var nameRange = new TextRange(declaration.Identifier.Span.Start, declaration.Identifier.Span.Length);
        var @namespace = NamespaceOf(context.TargetSymbol);

        var problem = ClassProblem(declaration, context.TargetSymbol, requireStaticPartial: true)
            ?? (className.Length <= MapSuffix.Length || !className.EndsWith(MapSuffix, StringComparison.Ordinal)
                ? $"A map class is named after its map with 'Map' appended (the generated members go into it); rename '{className}' to '{className}Map' or to '<MapName>Map'."
                : null);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, nameRange, problem);
            return Finish(file, lines, @namespace, nameRange, new List<Declaration>(), diagnostics);
        }

        var name = new Identifier(className.Substring(0, className.Length - MapSuffix.Length), nameRange);
        var declarations = new List<Declaration>();
        var items = new List<MapItem>();
        var keyPairs = new List<KeyPair>();
        var keyIndex = -1;
        var keyRange = default(TextRange);
        MapHeader? header = null;

        foreach (var attribute in AttributeArguments.Of(declaration.AttributeLists, context.SemanticModel, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (attribute.TypeName)
            {
                case AttributeNames.Map:
                    header = ReadHeader(attribute, diagnostics);
                    break;
                case AttributeNames.Company when attribute.Enum("scope") is { } scope && Defined<CompanyScope>(scope.Value):
                    items.Add(new CompanyItem((CompanyScope)scope.Value, attribute.Range));
                    break;
                case AttributeNames.Key:
                case AttributeNames.DualWriteKey:
                    if (attribute.String("fo", diagnostics) is { } fo && attribute.String("dataverse", diagnostics) is { } dataverse)
                    {
                        if (keyIndex < 0)
                        {
                            keyIndex = items.Count;
                            keyRange = attribute.Range;
                        }

                        keyPairs.Add(new KeyPair(new Identifier(fo.Value, fo.Whole), new Identifier(dataverse.Value, dataverse.Whole), attribute.Range));
                    }

                    break;
                case AttributeNames.FoFilter:
                case AttributeNames.DataverseFilter:
                    if (attribute.String("expression", diagnostics) is { } filter)
                    {
                        var side = attribute.TypeName == AttributeNames.FoFilter ? Side.Fo : Side.Dataverse;
                        items.Add(new FilterItem(side, attribute.NameRange, filter.Value, filter.Contents, attribute.Range, filter.Offsets));
                    }

                    break;
                case AttributeNames.After:
                    items.Add(new AfterItem(ReadAfter(attribute, diagnostics).ToEquatableArray(), attribute.Range));
                    break;
                case AttributeNames.Conflict when attribute.Enum("policy") is { } policy && Defined<ConflictPolicy>(policy.Value):
                    items.Add(new ConflictItem((ConflictPolicy)policy.Value, policy.Range, attribute.Range));
                    break;
                case AttributeNames.Deletes when attribute.Enum("policy") is { } policy && Defined<DeletePolicy>(policy.Value):
                    items.Add(new DeletesItem((DeletePolicy)policy.Value, policy.Range, attribute.Range));
                    break;
                case AttributeNames.Field:
                    if (ReadField(attribute, diagnostics) is { } field)
                    {
                        items.Add(field);
                    }

                    break;
                case AttributeNames.Numbers:
                    if (ReadNumbers(attribute, name, diagnostics) is { } numbers)
                    {
                        declarations.Add(numbers);
                    }

                    break;
            }
        }

        if (keyIndex >= 0)
        {
            items.Insert(keyIndex, new KeyItem(keyPairs.ToEquatableArray(), keyRange));
        }

        if (header is { } h)
        {
            declarations.Insert(0, new MapDeclaration(name, h.Fo.EntitySet, h.Direction, h.DirectionRange, h.Dataverse.EntitySet, items.ToEquatableArray(), AttributeArguments.RangeOf(declaration), h.Fo.UserType, h.Dataverse.UserType));
        }

        return Finish(file, lines, @namespace, nameRange, declarations, diagnostics);
    }

    public static DwmapFile ReadValueMap(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var (file, lines, diagnostics) = Begin(context.TargetNode, cancellationToken);
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        var nameRange = new TextRange(declaration.Identifier.Span.Start, declaration.Identifier.Span.Length);
        var @namespace = NamespaceOf(context.TargetSymbol);
        if (ClassProblem(declaration, context.TargetSymbol, requireStaticPartial: false) is { } problem)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, nameRange, problem);
            return Finish(file, lines, @namespace, nameRange, new List<Declaration>(), diagnostics);
        }

        var entries = new List<ValueMapEntry>();
        foreach (var attribute in AttributeArguments.Of(declaration.AttributeLists, context.SemanticModel, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.TypeName == AttributeNames.ValueMapEntry)
            {
                var direction = attribute.Direction("direction", diagnostics);
                var fo = attribute.Literal("fo", diagnostics);
                var dataverse = attribute.Literal("dataverse", diagnostics);
                if (direction is { } d && fo is not null && dataverse is not null)
                {
                    entries.Add(new ValueMapEntry(fo, fo.Range, d.Direction, d.Range, dataverse, dataverse.Range, attribute.Range));
                }
            }
            else if (attribute.TypeName == AttributeNames.ValueMapElse)
            {
                // The language writes the fallback's value on the right whatever its direction (else -> 1, else <- "Net30").
                var direction = attribute.Direction("direction", diagnostics);
                var value = attribute.Literal("value", diagnostics);
                if (direction is { } d && value is not null)
                {
                    entries.Add(new ValueMapEntry(null, attribute.NameRange, d.Direction, d.Range, value, value.Range, attribute.Range));
                }
            }
        }

        var valueMap = new ValueMapDeclaration(new Identifier(declaration.Identifier.ValueText, nameRange), entries.ToEquatableArray(), AttributeArguments.RangeOf(declaration));
        return Finish(file, lines, @namespace, nameRange, new List<Declaration> { valueMap }, diagnostics);
    }

    /// <summary>
    /// The <c>[assembly: DualWriteSchema]</c> attributes of one file. Their paths are relative to the project
    /// directory, which the pipeline sets as <see cref="DwmapFile.SchemaDirectory"/> afterwards.
    /// </summary>
    public static DwmapFile ReadSchemas(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var (file, lines, diagnostics) = Begin(context.TargetNode, cancellationToken);
        var unit = (CompilationUnitSyntax)context.TargetNode;
        var declarations = new List<Declaration>();
        foreach (var attribute in AttributeArguments.Of(unit.AttributeLists, context.SemanticModel, cancellationToken))
        {
            if (attribute.TypeName == AttributeNames.Schema
                && attribute.Enum("side") is { } side && Defined<Side>(side.Value)
                && attribute.String("path", diagnostics) is { } path)
            {
                declarations.Add(new SchemaDeclaration((Side)side.Value, side.Range, new Literal(LiteralKind.String, path.Value, path.Whole), attribute.Range));
            }
        }

        return Finish(file, lines, null, default, declarations, diagnostics);
    }

    private static (string File, LineMap Lines, DiagnosticBag Diagnostics) Begin(SyntaxNode node, CancellationToken cancellationToken)
    {
        var path = node.SyntaxTree.FilePath;
        var lines = LineMap.Create(path, node.SyntaxTree.GetText(cancellationToken).ToString());
        return (path, lines, new DiagnosticBag(lines));
    }

    private static DwmapFile Finish(string path, LineMap lines, string? @namespace, TextRange nameRange, List<Declaration> declarations, DiagnosticBag diagnostics)
    {
        var dotted = @namespace is null
            ? null
            : new DottedName(@namespace.Split('.').Select(part => new Identifier(part, nameRange)).ToEquatableArray(), nameRange);
        return new DwmapFile(path, lines, dotted, declarations.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static string? NamespaceOf(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;

    /// <summary>Why the class cannot hold the declaration, or null.</summary>
    private static string? ClassProblem(ClassDeclarationSyntax declaration, ISymbol symbol, bool requireStaticPartial)
    {
        var name = declaration.Identifier.ValueText;
        if (symbol.ContainingType is not null)
        {
            return $"'{name}' must be a top-level class: the generated code is declared in its namespace.";
        }

        if (symbol.ContainingNamespace is null or { IsGlobalNamespace: true })
        {
            return $"'{name}' must be declared in a namespace: the generated entity classes go into '<namespace>.Fo' and '<namespace>.Dataverse'.";
        }

        if (declaration.TypeParameterList is not null)
        {
            return $"'{name}' must not be generic.";
        }

        if (requireStaticPartial && !(declaration.Modifiers.Any(SyntaxKind.StaticKeyword) && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return $"'{name}' must be declared 'static partial': the generator adds the map's members to it.";
        }

        return null;
    }

    private static bool Defined<T>(int value)
        where T : struct, Enum => Enum.IsDefined(typeof(T), value);

    private readonly record struct MapHeader(MapSide Fo, SyncDirection Direction, TextRange DirectionRange, MapSide Dataverse);

    /// <summary>One side of a map's header: the entity set, and the user's class when the side is one.</summary>
    private readonly record struct MapSide(Identifier EntitySet, string? UserType);

    private static MapHeader? ReadHeader(AttributeArguments attribute, DiagnosticBag diagnostics)
    {
        var fo = ReadSide(attribute, "foEntitySet", "foType", Side.Fo, diagnostics);
        var direction = attribute.Direction("direction", diagnostics);
        var dataverse = ReadSide(attribute, "dataverseEntitySet", "dataverseType", Side.Dataverse, diagnostics);
        return fo is null || direction is null || dataverse is null
            ? null
            : new MapHeader(fo.Value, direction.Value.Direction, direction.Value.Range, dataverse.Value);
    }

    private static MapSide? ReadSide(AttributeArguments attribute, string entitySetParameter, string typeParameter, Side side, DiagnosticBag diagnostics)
    {
        if (!attribute.Has(typeParameter))
        {
            return attribute.String(entitySetParameter, diagnostics) is { } set ? new MapSide(new Identifier(set.Value, set.Whole), null) : null;
        }

        var range = AttributeArguments.RangeOf(attribute[typeParameter]!);
        if (attribute.TypeOf(typeParameter) is not { } type)
        {
            // typeof of a type that does not exist: the C# compiler reports it.
            return null;
        }

        var (own, other) = side == Side.Fo ? (AttributeNames.FoEntity, AttributeNames.DataverseEntity) : (AttributeNames.DataverseEntity, AttributeNames.FoEntity);
        var marker = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == own);
        if (marker is { ConstructorArguments.Length: 1 } && marker.ConstructorArguments[0].Value is string entitySet)
        {
            return new MapSide(new Identifier(entitySet, range), type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        }

        var (sideName, attributeName, placeholder) = side == Side.Fo ? ("F&O", "FoEntity", "<EntitySet>") : ("Dataverse", "DataverseEntity", "<entityset>");
        diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, range, type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == other)
            ? $"'{type.Name}' stands for the other side; the {sideName} side of a map (the {(side == Side.Fo ? "first" : "last")} argument) takes a class marked [{attributeName}]."
            : $"'{type.Name}' does not say which {sideName} entity set it stands for; add [{attributeName}(\"{placeholder}\")] to it.");
        return null;
    }

    private static IEnumerable<Identifier> ReadAfter(AttributeArguments attribute, DiagnosticBag diagnostics)
    {
        var arguments = attribute.Positional.Count == 1 && attribute.Positional[0] is ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax or CollectionExpressionSyntax
            ? Elements(attribute.Positional[0])
            : attribute.Positional;
        foreach (var argument in arguments)
        {
            var range = AttributeArguments.RangeOf(argument);
            if (argument is TypeOfExpressionSyntax typeOf)
            {
                var className = Rightmost(typeOf.Type);
                yield return new Identifier(className.EndsWith(MapSuffix, StringComparison.Ordinal) && className.Length > MapSuffix.Length ? className.Substring(0, className.Length - MapSuffix.Length) : className, range);
            }
            else if (AttributeArguments.NameOf(argument) is { } nameOf)
            {
                yield return new Identifier(nameOf, range);
            }
            else if (argument is LiteralExpressionSyntax { Token.Value: string text })
            {
                yield return new Identifier(text, range);
            }
            else
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, range, "Name the map as a string (\"CustomerGroups\") or by its class (typeof(CustomerGroupsMap)).");
            }
        }
    }

    private static IEnumerable<ExpressionSyntax> Elements(ExpressionSyntax array) => array switch
    {
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
        _ => Enumerable.Empty<ExpressionSyntax>(),
    };

    private static string Rightmost(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => type.ToString(),
    };

    private static FieldItem? ReadField(AttributeArguments attribute, DiagnosticBag diagnostics)
    {
        var fo = attribute.String("fo", diagnostics, out var foIsNone);
        var direction = attribute.Direction("direction", diagnostics);
        var dataverseText = attribute.String("dataverse", diagnostics, out var dataverseIsNone);
        var dataverse = dataverseText is null ? null : DataversePathReader.Read(dataverseText, diagnostics);
        if (direction is not { } d || (fo is null && !foIsNone) || (dataverse is null && !dataverseIsNone))
        {
            return null;
        }

        var transforms = new List<Transform>();
        foreach (var argument in attribute.Syntax.ArgumentList?.Arguments ?? default)
        {
            var property = argument.NameEquals?.Name.Identifier.ValueText;
            var range = AttributeArguments.RangeOf(argument);
            if (property == "Default" && attribute.Literal("Default", diagnostics) is { } value)
            {
                transforms.Add(new DefaultTransform(value, range));
            }
            else if (property == "Via" && attribute.Via("Via", diagnostics) is { } via)
            {
                var parts = new List<Identifier>();
                var start = 0;
                foreach (var part in via.Value.Split('.'))
                {
                    parts.Add(new Identifier(part, via.RangeOf(start, part.Length)));
                    start += part.Length + 1;
                }

                transforms.Add(new ViaTransform(new DottedName(parts.ToEquatableArray(), via.Whole), range));
            }
        }

        return new FieldItem(
            fo is null ? null : new Identifier(fo.Value, fo.Whole),
            AttributeArguments.RangeOf(attribute["fo"]!),
            d.Direction,
            d.Range,
            dataverse,
            AttributeArguments.RangeOf(attribute["dataverse"]!),
            transforms.ToEquatableArray(),
            attribute.Range);
    }

    private static NumbersDeclaration? ReadNumbers(AttributeArguments attribute, Identifier map, DiagnosticBag diagnostics)
    {
        var name = attribute.String("name", diagnostics);
        var field = attribute.String("field", diagnostics);
        if (name is null || field is null)
        {
            return null;
        }

        var ranges = new List<NumberRange>();
        foreach (var (side, prefix) in new[] { (Side.Fo, "Fo"), (Side.Dataverse, "Dataverse") })
        {
            var from = Argument(attribute, prefix + "From", diagnostics);
            var to = Argument(attribute, prefix + "To", diagnostics);
            var fixedPrefix = Argument(attribute, prefix + "Prefix", diagnostics);
            var written = new[] { from, to, fixedPrefix }.Where(a => a is not null).Select(a => a!.Value).ToList();
            if (written.Count == 0)
            {
                continue;
            }

            var sideRange = written[0].NameRange;
            var range = written.Select(a => a.Range).Aggregate((a, b) => a.Union(b));
            if (fixedPrefix is not null && from is null && to is null)
            {
                ranges.Add(new NumberRange(side, sideRange, null, null, fixedPrefix.Value.Literal, range));
            }
            else if (from is not null && to is not null && fixedPrefix is null)
            {
                ranges.Add(new NumberRange(side, sideRange, from.Value.Literal, to.Value.Literal, null, range));
            }
            else
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, sideRange,
                    $"Give the {(side == Side.Fo ? "F&O" : "Dataverse")} side either a range ({prefix}From and {prefix}To) or a {prefix}Prefix.");
            }
        }

        return new NumbersDeclaration(new Identifier(name.Value, name.Whole), map, new Identifier(field.Value, field.Whole), ranges.ToEquatableArray(), attribute.Range);
    }

    private readonly record struct NamedLiteral(Literal Literal, TextRange NameRange, TextRange Range);

    private static NamedLiteral? Argument(AttributeArguments attribute, string property, DiagnosticBag diagnostics)
    {
        if (attribute.String(property, diagnostics) is not { } text)
        {
            return null;
        }

        var argument = (AttributeArgumentSyntax)attribute[property]!.Parent!;
        return new NamedLiteral(new Literal(LiteralKind.String, text.Value, text.Whole), AttributeArguments.RangeOf(argument.NameEquals!.Name), AttributeArguments.RangeOf(argument));
    }
}
