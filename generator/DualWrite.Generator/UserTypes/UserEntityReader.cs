using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualWrite.Generator.Attributes;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.Generator.UserTypes;

/// <summary>
/// Reads a <c>[FoEntity]</c> or <c>[DataverseEntity]</c> class: its properties with their C# types and the schema
/// names they stand for. Nothing is checked here (that needs the schemas); the symbols stay inside the transform.
/// </summary>
internal static class UserEntityReader
{
    public static UserEntityDeclaration Read(GeneratorAttributeSyntaxContext context, Side side, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        var attribute = context.Attributes[0];
        var entitySet = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string set ? set : string.Empty;
        var entitySetSyntax = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault();
        var nameSite = Site(declaration.Identifier.GetLocation());

        var properties = new List<UserProperty>();
        var sites = new List<UserPropertySite>();
        var seen = new HashSet<string>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (property.IsStatic || property.IsIndexer || !IsAccessible(property) || !seen.Add(property.Name))
                {
                    continue;
                }

                var (read, site) = ReadProperty(property, nameSite, cancellationToken);
                properties.Add(read);
                sites.Add(site);
            }
        }

        var entity = new UserEntity(
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.Name,
            side,
            entitySet,
            CanCreate(type),
            properties.ToEquatableArray());
        return new UserEntityDeclaration(entity, nameSite, entitySetSyntax is null ? nameSite : Site(entitySetSyntax.GetLocation()), sites.ToEquatableArray());
    }

    private static (UserProperty Property, UserPropertySite Site) ReadProperty(IPropertySymbol property, SourceLocation classSite, CancellationToken cancellationToken)
    {
        var type = property.Type;
        var nullable = type.IsReferenceType ? property.NullableAnnotation != NullableAnnotation.NotAnnotated : false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
            nullable = true;
        }
        else if (type.TypeKind == TypeKind.Error)
        {
            // A generated type (an F&O enum) the generator's own compilation does not have yet.
            nullable = property.NullableAnnotation == NullableAnnotation.Annotated;
        }

        var schemaAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.EntityProperty);
        var schemaName = schemaAttribute is { ConstructorArguments.Length: 1 } && schemaAttribute.ConstructorArguments[0].Value is string name ? name : null;
        var schemaNameSyntax = (schemaAttribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault();
        var typeSyntax = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<PropertyDeclarationSyntax>().FirstOrDefault()?.Type;

        var read = new UserProperty(
            property.Name,
            schemaName,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.Name,
            nullable,
            property.GetMethod is { } getter && IsAccessible(getter),
            property.SetMethod is { IsInitOnly: false } setter && IsAccessible(setter));
        var nameSite = property.Locations.FirstOrDefault(l => l.IsInSource) is { } location ? Site(location) : classSite;
        var site = new UserPropertySite(nameSite, typeSyntax is null ? nameSite : Site(typeSyntax.GetLocation()), schemaNameSyntax is null ? null : Site(schemaNameSyntax.GetLocation()));
        return (read, site);
    }

    // Generated code lives in the same assembly, so internal members serve as well as public ones.
    private static bool IsAccessible(ISymbol symbol) => symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static bool CanCreate(INamedTypeSymbol type)
    {
        for (var container = type; container is not null; container = container.ContainingType)
        {
            if (!IsAccessible(container) || container.IsGenericType)
            {
                return false;
            }
        }

        return !type.IsAbstract && !type.IsStatic && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && IsAccessible(c));
    }

    private static SourceLocation Site(Location location)
    {
        var span = location.GetLineSpan();
        return new SourceLocation(
            location.SourceTree?.FilePath ?? span.Path,
            new TextRange(location.SourceSpan.Start, location.SourceSpan.Length),
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character);
    }
}
