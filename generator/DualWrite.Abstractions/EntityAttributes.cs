using System;

namespace DualWrite;

// A class the user owns that stands for an entity set of one side, so a map can read and write it instead of
// a generated entity class: [DualWriteMap(typeof(VendorGroup), "<->", typeof(VendorGroupRow))]. Its properties
// stand for the schema's properties of the same name (F&O names ignoring case, Dataverse names exactly), or for
// the one [EntityProperty] names; other properties are the user's own and maps ignore them.

/// <summary>Marks a class as standing for an F&amp;O entity set, e.g. <c>[FoEntity("VendorGroups")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FoEntityAttribute : Attribute
{
    /// <param name="entitySet">The F&amp;O entity set (OData <c>/data/</c> collection).</param>
    public FoEntityAttribute(string entitySet) => EntitySet = entitySet;

    /// <summary>The F&amp;O entity set.</summary>
    public string EntitySet { get; }
}

/// <summary>Marks a class as standing for a Dataverse table by its entity set, e.g. <c>[DataverseEntity("msdyn_vendorgroups")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DataverseEntityAttribute : Attribute
{
    /// <param name="entitySet">The Dataverse entity set (Web API collection).</param>
    public DataverseEntityAttribute(string entitySet) => EntitySet = entitySet;

    /// <summary>The Dataverse entity set.</summary>
    public string EntitySet { get; }
}

/// <summary>
/// The schema property a property of a <see cref="FoEntityAttribute"/> or <see cref="DataverseEntityAttribute"/>
/// class stands for, when its C# name differs: <c>[EntityProperty("msdyn_description")] public string? Description { get; set; }</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class EntityPropertyAttribute : Attribute
{
    /// <param name="name">The schema's name of the property or lookup.</param>
    public EntityPropertyAttribute(string name) => Name = name;

    /// <summary>The schema's name.</summary>
    public string Name { get; }
}
