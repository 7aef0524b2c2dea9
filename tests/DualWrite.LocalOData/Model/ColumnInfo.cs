using Microsoft.OData.Edm;

namespace DualWrite.LocalOData.Model;

/// <summary>One structural property of an entity set and the SQLite column that stores it.</summary>
/// <param name="Name">The property name, also the column name.</param>
/// <param name="Property">The EDM property.</param>
/// <param name="Kind">The storage kind.</param>
/// <param name="MaxLength">The declared MaxLength of a string property, if bounded.</param>
/// <param name="IsComputed">Annotated Core.Computed or read-only: the service sets it and ignores client values.</param>
public sealed record ColumnInfo(string Name, IEdmStructuralProperty Property, ColumnKind Kind, int? MaxLength, bool IsComputed)
{
    /// <summary>The property's EDM type.</summary>
    public IEdmTypeReference Type => Property.Type;

    /// <summary>Whether the property is nullable in the schema.</summary>
    public bool IsNullable => Property.Type.IsNullable;
}
