#if DUALWRITE_GENERATOR
using DualWrite.Generator.Common;
#endif

#if DUALWRITE_GENERATOR
namespace DualWrite.Generator.Schema;
#else
namespace DualWrite.Schema;
#endif

// The part of an OData CSDL ($metadata) document that the compiler, the runtime, the connectors and the local services
// use, as plain equatable values. Full names are "Namespace.Name" with aliases resolved
// (mscrm.account -> Microsoft.Dynamics.CRM.account).

/// <summary>One CSDL document: every schema in it, merged.</summary>
/// <param name="Path">The document's path, as given to the reader.</param>
/// <param name="EntitySets">The entity sets of the entity containers, in document order.</param>
/// <param name="EntityTypes">The entity types, in document order.</param>
/// <param name="EnumTypes">The enum types, in document order.</param>
/// <param name="ComplexTypes">The complex types, in document order.</param>
/// <param name="Aliases">The namespace aliases of the schemas and the referenced vocabularies.</param>
public sealed record SchemaModel(
    string Path,
    EquatableArray<EntitySetInfo> EntitySets,
    EquatableArray<EntityTypeInfo> EntityTypes,
    EquatableArray<EnumTypeInfo> EnumTypes,
    EquatableArray<ComplexTypeInfo> ComplexTypes = default,
    EquatableArray<NamespaceAlias> Aliases = default);

/// <summary>A namespace alias (<c>mscrm</c> for <c>Microsoft.Dynamics.CRM</c>).</summary>
/// <param name="Alias">The alias.</param>
/// <param name="Namespace">The namespace it stands for.</param>
public sealed record NamespaceAlias(string Alias, string Namespace);

/// <summary>An entity set of an entity container.</summary>
/// <param name="Name">The set's name.</param>
/// <param name="EntityTypeFullName">The full name of its entity type.</param>
/// <param name="NavigationBindings">Where its navigation properties lead (<c>NavigationPropertyBinding</c>).</param>
public sealed record EntitySetInfo(string Name, string EntityTypeFullName, EquatableArray<NavigationBindingInfo> NavigationBindings = default);

/// <summary>A <c>NavigationPropertyBinding</c>: the entity set that the navigation property at <paramref name="Path"/> leads to.</summary>
/// <param name="Path">The navigation property's name (or path, as written).</param>
/// <param name="Target">The target entity set's name, without a container prefix.</param>
public sealed record NavigationBindingInfo(string Path, string Target);

/// <summary>
/// An entity type with the members it declares itself; inherited members are found through
/// <see cref="BaseTypeFullName"/> (see <see cref="SchemaIndex"/>).
/// </summary>
/// <param name="Namespace">The schema namespace.</param>
/// <param name="Name">The type's name.</param>
/// <param name="BaseTypeFullName">The base type's full name, if any.</param>
/// <param name="IsAbstract">Whether the type is abstract.</param>
/// <param name="Key">The key's properties as declared on this type (empty when inherited).</param>
/// <param name="Properties">The structural properties it declares.</param>
/// <param name="NavigationProperties">The navigation properties it declares.</param>
/// <param name="AlternateKeys">The alternate keys annotated on it (or on an entity set of it).</param>
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
    /// <summary>The namespace-qualified name.</summary>
    public string FullName => Namespace + "." + Name;
}

/// <summary>A complex type: only its name, base type and the types its properties use, which decide what a trimmed document keeps.</summary>
/// <param name="Namespace">The schema namespace.</param>
/// <param name="Name">The type's name.</param>
/// <param name="BaseTypeFullName">The base type's full name, if any.</param>
/// <param name="PropertyTypes">The full names of its properties' types, as written with aliases resolved.</param>
public sealed record ComplexTypeInfo(string Namespace, string Name, string? BaseTypeFullName, EquatableArray<string> PropertyTypes)
{
    /// <summary>The namespace-qualified name.</summary>
    public string FullName => Namespace + "." + Name;
}

/// <summary>
/// A structural property. <see cref="TypeName"/> is the EDM type (<c>Edm.String</c>) or the full name of
/// an enum type; <see cref="IsCollection"/> for <c>Collection(...)</c>.
/// <see cref="IsComputed"/> comes from <c>Org.OData.Core.V1.Computed</c>, <see cref="IsReadOnly"/> from
/// <c>Org.OData.Core.V1.Permissions</c> = Read. <see cref="IsImmutable"/> comes from <c>Org.OData.Core.V1.Immutable</c>:
/// the value is set when the record is created and never updated, so it may be a target (written on create).
/// </summary>
/// <param name="Name">The property's name.</param>
/// <param name="TypeName">The element type's full name, a type definition replaced by its underlying type.</param>
/// <param name="IsCollection">Whether the type is <c>Collection(...)</c>.</param>
/// <param name="IsNullable">The <c>Nullable</c> facet (true when absent).</param>
/// <param name="MaxLength">The <c>MaxLength</c> facet; null when absent or <c>max</c>.</param>
/// <param name="Precision">The <c>Precision</c> facet.</param>
/// <param name="Scale">The <c>Scale</c> facet; null when absent or variable.</param>
/// <param name="IsComputed">Annotated <c>Core.Computed</c>.</param>
/// <param name="IsReadOnly">Annotated <c>Core.Permissions</c> without Write.</param>
/// <param name="IsImmutable">Annotated <c>Core.Immutable</c>.</param>
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
    bool IsImmutable = false)
{
    /// <summary>Whether a client may write it: neither computed nor read-only. The service sets the others itself.</summary>
    public bool IsWritable => !IsComputed && !IsReadOnly;

    /// <summary>The longest string the property holds: <see cref="MaxLength"/> for a single <c>Edm.String</c>, otherwise null.</summary>
    public int? StringMaxLength => !IsCollection && TypeName == "Edm.String" ? MaxLength : null;

    /// <summary>The type as an OData type reference spells it: <c>Collection(Edm.String)</c> for a collection.</summary>
    public string TypeReference => IsCollection ? "Collection(" + TypeName + ")" : TypeName;
}

/// <summary>
/// A navigation property. For a single-valued Dataverse lookup <c>x</c> the referential constraint names
/// the <c>_x_value</c> property.
/// </summary>
/// <param name="Name">The property's name.</param>
/// <param name="TargetTypeFullName">The target entity type's full name.</param>
/// <param name="IsCollection">Whether it leads to many entities.</param>
/// <param name="Partner">The partner navigation property, if declared.</param>
/// <param name="Constraints">The referential constraint's property pairs, in declaration order.</param>
public sealed record NavigationPropertyInfo(
    string Name,
    string TargetTypeFullName,
    bool IsCollection,
    string? Partner,
    EquatableArray<ReferentialConstraintInfo> Constraints);

/// <summary>One pair of a referential constraint: a property of the dependent type and the target's property it holds.</summary>
/// <param name="Property">The dependent (this type's) property.</param>
/// <param name="ReferencedProperty">The principal (target type's) property.</param>
public sealed record ReferentialConstraintInfo(string Property, string ReferencedProperty);

/// <summary>One alternate key (<c>OData.Community.Keys.V1.AlternateKeys</c>): its name and its property paths.</summary>
/// <param name="Name">The key's name, or its properties joined by commas when unnamed.</param>
/// <param name="Properties">The property paths, in key order.</param>
public sealed record AlternateKeyInfo(string Name, EquatableArray<string> Properties);

/// <summary>An enum type.</summary>
/// <param name="Namespace">The schema namespace.</param>
/// <param name="Name">The type's name.</param>
/// <param name="UnderlyingType">The underlying integer type (<c>Edm.Int32</c> when absent).</param>
/// <param name="IsFlags">Whether members combine as flags.</param>
/// <param name="Members">The members in declaration order.</param>
public sealed record EnumTypeInfo(
    string Namespace,
    string Name,
    string UnderlyingType,
    bool IsFlags,
    EquatableArray<EnumMemberInfo> Members)
{
    /// <summary>The namespace-qualified name.</summary>
    public string FullName => Namespace + "." + Name;
}

/// <summary>An enum member.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Value">Its value: as written, or the previous member's plus one.</param>
public sealed record EnumMemberInfo(string Name, long Value);

/// <summary>A single-valued navigation property with a referential constraint, and the entity set it is bound to.</summary>
/// <param name="Navigation">The navigation property.</param>
/// <param name="TargetSet">The name of the entity set it leads to.</param>
public sealed record EntityReference(NavigationPropertyInfo Navigation, string TargetSet);

/// <summary>A lookup: a reference whose key is the one column <paramref name="ValueColumn"/>.</summary>
/// <param name="Navigation">The navigation property, as generated entity classes and <c>@odata.bind</c> name the lookup.</param>
/// <param name="ValueColumn">The column holding the looked-up row's key (<c>_x_value</c>).</param>
/// <param name="TargetSet">The name of the looked-up entity set.</param>
/// <param name="IsPolymorphic">Whether other lookups share <paramref name="ValueColumn"/> (one target each of a polymorphic lookup).</param>
public sealed record LookupInfo(NavigationPropertyInfo Navigation, string ValueColumn, string TargetSet, bool IsPolymorphic);
