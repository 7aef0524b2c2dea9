using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;
using DualWrite.Generator.UserTypes;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// The user's entity classes that binding one declaration reads: the classes its map stands on (or, for a
/// <c>numbers</c> declaration, the F&amp;O class of the map it numbers), and the classes their properties' types name,
/// as a lookup goes from a class to the class of the looked-up row, each in turn. Binding against this part of the
/// classes gives what binding against all of them gives, and an edit of one class binds again only the declarations
/// that read it.
/// </summary>
internal static class UserEntitySlice
{
    public static UserEntitySet For(DwmapFile unit, DeclarationIndex declarations, UserEntitySet all)
    {
        if (all.Entities.IsEmpty)
        {
            return all;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in unit.Declarations)
        {
            switch (declaration)
            {
                case MapDeclaration map:
                    AddName(names, map.FoUserType);
                    AddName(names, map.DataverseUserType);
                    break;
                case NumbersDeclaration numbers when declarations.FindMap(numbers.Map.Text) is { } map:
                    AddName(names, map.FoUserType);
                    break;
            }
        }

        var included = new List<UserEntity>();
        var grew = names.Count > 0;
        while (grew)
        {
            grew = false;
            foreach (var entity in all.Entities)
            {
                if (!included.Contains(entity) && names.Contains(entity.QualifiedName))
                {
                    included.Add(entity);
                    grew = true;
                    foreach (var property in entity.Properties)
                    {
                        names.Add(property.TypeName);
                    }
                }
            }
        }

        // In the order of the whole set, so that the slice does not depend on the order it was found in.
        return new UserEntitySet(all.Entities.Where(included.Contains).ToEquatableArray());
    }

    private static void AddName(HashSet<string> names, string? name)
    {
        if (name is not null)
        {
            names.Add(name);
        }
    }
}
