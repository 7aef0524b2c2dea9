using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.UserTypes;

/// <summary>
/// Checks a user's entity class against its side's schema: the entity set exists, every <c>[EntityProperty]</c>
/// names a schema property, and every property that stands for one has a type that holds its values, accepts
/// null (a record may lack the value) and can be read and set (the runtime fills the records it reads).
/// Properties that stand for no schema property are the user's own and are not looked at.
/// </summary>
internal static class UserEntityChecks
{
    /// <summary>The diagnostics of every user's entity class, once per class whichever maps use it.</summary>
    public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<UserEntityDeclaration> declarations, SchemaContext schemas)
    {
        var fo = schemas.Fo is null ? null : SchemaIndex.ForFo(schemas.Fo);
        var dataverse = schemas.Dataverse is null ? null : SchemaIndex.ForDataverse(schemas.Dataverse);
        var result = new List<DiagnosticInfo>();
        foreach (var declaration in declarations)
        {
            var schema = declaration.Entity.Side == Side.Fo ? fo : dataverse;
            if (schema is null)
            {
                continue;
            }

            foreach (var problem in Problems(declaration.Entity, schema))
            {
                result.Add(DiagnosticInfo.Create(problem.Descriptor, Locate(declaration, problem), problem.Message));
            }
        }

        return result.ToEquatableArray();
    }

    internal static IEnumerable<UserEntityProblem> Problems(UserEntity entity, SchemaIndex schema)
    {
        var side = entity.Side == Side.Fo ? "F&O" : "Dataverse";
        var set = schema.FindEntitySet(entity.EntitySet);
        var type = set is null ? null : schema.EntityTypeOf(set);
        if (type is null)
        {
            yield return new UserEntityProblem(DiagnosticDescriptors.UnknownEntitySet, UserEntityPart.EntitySet, -1,
                $"The {side} schema has no entity set '{entity.EntitySet}'.{NameSuggestions.Hint(entity.EntitySet, schema.EntitySets.Select(s => s.Name))}");
            yield break;
        }

        if (!entity.CanCreate)
        {
            yield return new UserEntityProblem(DiagnosticDescriptors.InvalidMapAttribute, UserEntityPart.ClassName, -1,
                $"'{entity.Name}' must be a non-abstract, non-generic class with an accessible parameterless constructor: the runtime creates the records it reads.");
        }

        var claimed = new HashSet<string>(schema.NameComparer);
        for (var i = 0; i < entity.Properties.Count; i++)
        {
            var property = entity.Properties[i];
            var column = schema.FindProperty(type, property.StandsFor);
            var lookup = column is null && entity.Side == Side.Dataverse ? schema.FindNavigationProperty(type, property.StandsFor) : null;
            if (column is null && lookup is null)
            {
                if (property.SchemaName is not null)
                {
                    var names = schema.SelfAndBaseTypes(type).SelectMany(t => t.Properties.Select(p => p.Name).Concat(t.NavigationProperties.Select(n => n.Name)));
                    yield return new UserEntityProblem(DiagnosticDescriptors.UnknownField, UserEntityPart.PropertySchemaName, i,
                        $"{side} entity set '{set!.Name}' has no property '{property.SchemaName}'.{NameSuggestions.Hint(property.SchemaName, names)}");
                }

                continue;
            }

            var schemaName = column?.Name ?? lookup!.Name;
            if (!claimed.Add(schemaName))
            {
                yield return new UserEntityProblem(DiagnosticDescriptors.DuplicateName, UserEntityPart.PropertyName, i,
                    $"Another property of '{entity.Name}' already stands for '{schemaName}'; remove one, or point this one at another property with [EntityProperty(\"<name>\")].");
                continue;
            }

            if (column is not null && TypeProblem(entity, property, column, schema) is { } typeProblem)
            {
                yield return new UserEntityProblem(DiagnosticDescriptors.FieldTypeMismatch, UserEntityPart.PropertyType, i, typeProblem);
            }
            else if (!property.IsNullable)
            {
                yield return new UserEntityProblem(DiagnosticDescriptors.FieldTypeMismatch, UserEntityPart.PropertyType, i,
                    $"'{entity.Name}.{property.Member}' stands for '{schemaName}' and must accept null, since a record may lack the value: write '{Display(property)}?'.");
            }

            if (!property.CanRead || !property.CanWrite)
            {
                yield return new UserEntityProblem(DiagnosticDescriptors.TargetReadOnly, UserEntityPart.PropertyName, i,
                    $"'{entity.Name}.{property.Member}' stands for '{schemaName}' and needs an accessible 'get' and 'set' (not 'init'): maps read it and the runtime sets it on the records it reads.");
            }
        }
    }

    /// <summary>Why the property's type cannot hold the column's values, or null.</summary>
    private static string? TypeProblem(UserEntity entity, UserProperty property, PropertyInfo column, SchemaIndex schema)
    {
        var expected = ClrTypes.Of(column, schema, "Fo");
        if (expected is null)
        {
            return $"'{column.Name}' has type '{column.TypeName}', which a map cannot copy; remove the property or point it at a column of a primitive or enum type.";
        }

        var enumType = schema.FindEnumType(column.TypeName);
        var fits = enumType is not null
            ? property.TypeSimpleName == enumType.Name
            : property.TypeName == ClrTypes.Underlying(expected);
        var wanted = enumType is not null ? "Fo." + enumType.Name + "?" : ClrTypes.Display(expected) + "?";
        return fits
            ? null
            : $"'{entity.Name}.{property.Member}' stands for '{column.Name}' ({column.TypeName}) and must be '{wanted}', not '{Display(property)}'; change its type, or map the column through a property of that type and convert with 'Via'.";
    }

    private static string Display(UserProperty property) => ClrTypes.Display(property.TypeName);

    private static SourceLocation Locate(UserEntityDeclaration declaration, UserEntityProblem problem) => problem.Part switch
    {
        UserEntityPart.EntitySet => declaration.EntitySetSite,
        UserEntityPart.PropertyName => declaration.PropertySites[problem.Property].Name,
        UserEntityPart.PropertyType => declaration.PropertySites[problem.Property].Type,
        UserEntityPart.PropertySchemaName => declaration.PropertySites[problem.Property].SchemaName ?? declaration.PropertySites[problem.Property].Name,
        _ => declaration.NameSite,
    };
}
