using System;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.UserTypes;

/// <summary>
/// A class the user owns that stands for an entity set (<c>[FoEntity]</c> / <c>[DataverseEntity]</c>), as the
/// facts binding needs: names and C# type names only, no positions and nothing from Roslyn, so an edit that
/// moves the class's text leaves the maps that use it cached.
/// </summary>
/// <param name="QualifiedName">The class as generated code names it, e.g. <c>global::Contoso.Integration.VendorGroup</c>.</param>
/// <param name="Name">The class's own name, for messages.</param>
/// <param name="CanCreate">Whether generated code can create an instance (a non-abstract class with an accessible parameterless constructor).</param>
internal sealed record UserEntity(
    string QualifiedName,
    string Name,
    Side Side,
    string EntitySet,
    bool CanCreate,
    EquatableArray<UserProperty> Properties)
{
    /// <summary>The property that stands for schema property <paramref name="schemaName"/>, or null.</summary>
    public UserProperty? StandingFor(string schemaName, StringComparer names)
    {
        foreach (var property in Properties)
        {
            if (property.SchemaName is { } explicitName && names.Equals(explicitName, schemaName))
            {
                return property;
            }
        }

        foreach (var property in Properties)
        {
            if (property.SchemaName is null && names.Equals(property.Member, schemaName))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>The C# property named <paramref name="member"/> exactly (a <c>nameof</c> in a map), or null.</summary>
    public UserProperty? Member(string member)
    {
        foreach (var property in Properties)
        {
            if (property.Member == member)
            {
                return property;
            }
        }

        return null;
    }
}

/// <summary>
/// A property of a user's entity class. <see cref="SchemaName"/> is what <c>[EntityProperty]</c> names, or null
/// when the property stands for the schema property of its own name.
/// </summary>
/// <param name="TypeName">The type without <see cref="Nullable{T}"/>, fully qualified (<c>string</c>, <c>global::System.Guid</c>).</param>
/// <param name="TypeSimpleName">The type's own name, to recognize a generated F&amp;O enum that the generator's own compilation cannot see yet.</param>
/// <param name="IsNullable">Whether the property accepts null (<c>string?</c>, <c>decimal?</c>, or a reference type outside a nullable context).</param>
/// <param name="CanWrite">Whether generated code can set it (an accessible <c>set</c>, not <c>init</c>).</param>
internal sealed record UserProperty(
    string Member,
    string? SchemaName,
    string TypeName,
    string TypeSimpleName,
    bool IsNullable,
    bool CanRead,
    bool CanWrite)
{
    /// <summary>The schema name the property stands for.</summary>
    public string StandsFor => SchemaName ?? Member;
}

/// <summary>
/// A user's entity class as read from source: its facts, and where each part is written for the diagnostics
/// that check it against the schema (<see cref="PropertySites"/> in the order of the properties).
/// </summary>
internal sealed record UserEntityDeclaration(
    UserEntity Entity,
    SourceLocation NameSite,
    SourceLocation EntitySetSite,
    EquatableArray<UserPropertySite> PropertySites);

/// <summary>Where a property is written: its name, its type, and the <c>[EntityProperty]</c> argument if any.</summary>
internal sealed record UserPropertySite(SourceLocation Name, SourceLocation Type, SourceLocation? SchemaName);
