using DualWrite.Schema;
using Microsoft.OData.Edm;

namespace DualWrite.LocalOData.Model;

/// <summary>One structural property of an entity set and the SQLite column that stores it.</summary>
/// <param name="Name">The property name, also the column name.</param>
/// <param name="Property">The EDM property, for reading and writing payloads.</param>
/// <param name="Kind">The storage kind.</param>
/// <param name="Definition">The property as the schema reader read it.</param>
/// <param name="EnumType">The enum type of an enum property; otherwise null.</param>
public sealed record ColumnInfo(string Name, IEdmStructuralProperty Property, ColumnKind Kind, PropertyInfo Definition, EnumTypeInfo? EnumType)
{
    /// <summary>The property's EDM type.</summary>
    public IEdmTypeReference Type => Property.Type;

    /// <summary>Whether the property is nullable in the schema.</summary>
    public bool IsNullable => Definition.IsNullable;

    /// <summary>The declared MaxLength of a string property, if bounded.</summary>
    public int? MaxLength => Definition.StringMaxLength;

    /// <summary>Computed or read-only: the service sets it and ignores client values.</summary>
    public bool IsComputed => !Definition.IsWritable;
}
