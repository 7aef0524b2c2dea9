using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.UserTypes;

/// <summary>
/// A map over a user's class may name a field by its C# property (<c>nameof(VendorGroup.Description)</c>), which
/// [EntityProperty] may have pointed at a schema property of another name. Binding works with schema names, so
/// fields and keys are rewritten to them first; ranges stay, so diagnostics still point at the argument.
/// </summary>
internal static class UserMemberNames
{
    public static MapDeclaration ToSchemaNames(MapDeclaration map, UserEntity? fo, UserEntity? dataverse)
    {
        if (fo is null && dataverse is null)
        {
            return map;
        }

        var items = map.Items.Select(item => item switch
        {
            FieldItem field => field with { Fo = Translate(field.Fo, fo), Dataverse = Translate(field.Dataverse, dataverse) },
            KeyItem key => key with { Pairs = key.Pairs.Select(p => p with { Fo = Translate(p.Fo, fo)!, Dataverse = Translate(p.Dataverse, dataverse)! }).ToEquatableArray() },
            _ => item,
        });
        return map with { Items = items.ToEquatableArray() };
    }

    private static Identifier? Translate(Identifier? name, UserEntity? user) =>
        name is not null && user?.Member(name.Text) is { SchemaName: { } schemaName } ? name with { Text = schemaName } : name;

    /// <summary>The first segment of a Dataverse path is a property of the map's own class.</summary>
    private static DataversePath? Translate(DataversePath? path, UserEntity? user)
    {
        if (path is null || user is null || path.Segments.IsEmpty)
        {
            return path;
        }

        var first = Translate(path.Segments[0], user)!;
        return ReferenceEquals(first, path.Segments[0])
            ? path
            : path with { Segments = new[] { first }.Concat(path.Segments.Skip(1)).ToEquatableArray() };
    }
}
