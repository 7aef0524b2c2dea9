using DualWrite.Generator.Common;

namespace DualWrite.Generator.Schema;

// The part of an OData CSDL ($metadata) document the compiler needs, as plain equatable values.
// Full names are "Namespace.Name" with aliases resolved (mscrm.account -> Microsoft.Dynamics.CRM.account).

/// <summary>One CSDL document: every schema in it, merged.</summary>
public sealed record SchemaModel(
    string Path,
    EquatableArray<EntitySetInfo> EntitySets,
    EquatableArray<EntityTypeInfo> EntityTypes,
    EquatableArray<EnumTypeInfo> EnumTypes);

public sealed record EntitySetInfo(string Name, string EntityTypeFullName);

/// <summary>
/// An entity type with the members it declares itself; inherited members are found through
/// <see cref="BaseTypeFullName"/> (see <see cref="SchemaIndex"/>).
/// </summary>
public sealed record EntityTypeInfo(
    string Namespace,
    string Name,
    string? BaseTypeFullName,
    bool IsAbstract,
    EquatableArray<string> Key,
    EquatableArray<PropertyInfo> Properties,
    EquatableArray<NavigationPropertyInfo> NavigationProperties,
    EquatableArray<AlternateKeyInfo> AlternateKeys)
{
    public string FullName => Namespace + "." + Name;
}

/// <summary>
/// A structural property. <see cref="TypeName"/> is the EDM type (<c>Edm.String</c>) or the full name of
/// an enum type; <see cref="IsCollection"/> for <c>Collection(...)</c>.
/// <see cref="IsComputed"/> comes from <c>Org.OData.Core.V1.Computed</c>, <see cref="IsReadOnly"/> from
/// <c>Org.OData.Core.V1.Permissions</c> = Read. <see cref="IsImmutable"/> comes from <c>Org.OData.Core.V1.Immutable</c>:
/// the value is set when the record is created and never updated, so it may be a target (written on create).
/// </summary>
public sealed record PropertyInfo(
    string Name,
    string TypeName,
    bool IsCollection,
    bool IsNullable,
    int? MaxLength,
    int? Precision,
    int? Scale,
    bool IsComputed,
    bool IsReadOnly,
    bool IsImmutable = false);

/// <summary>
/// A navigation property. For a single-valued Dataverse lookup <c>x</c> the referential constraint names
/// the <c>_x_value</c> property.
/// </summary>
public sealed record NavigationPropertyInfo(
    string Name,
    string TargetTypeFullName,
    bool IsCollection,
    string? Partner,
    EquatableArray<ReferentialConstraintInfo> Constraints);

public sealed record ReferentialConstraintInfo(string Property, string ReferencedProperty);

/// <summary>One alternate key (<c>OData.Community.Keys.V1.AlternateKeys</c>): its name and its property paths.</summary>
public sealed record AlternateKeyInfo(string Name, EquatableArray<string> Properties);

public sealed record EnumTypeInfo(
    string Namespace,
    string Name,
    string UnderlyingType,
    bool IsFlags,
    EquatableArray<EnumMemberInfo> Members)
{
    public string FullName => Namespace + "." + Name;
}

public sealed record EnumMemberInfo(string Name, long Value);
