using System.Collections.Generic;

namespace DualWrite.Runtime.Environments.Schema;

/// <summary>How a column's values are stored in SQLite.</summary>
public enum StorageKind
{
    /// <summary>Text: strings, GUIDs, decimals (kept exact), dates, enum member names.</summary>
    Text,

    /// <summary>Integers and booleans.</summary>
    Integer,

    /// <summary>Floating point.</summary>
    Real,

    /// <summary>Binary.</summary>
    Blob,
}

/// <summary>A structural property of an entity type, as a column.</summary>
/// <param name="Name">The schema's name.</param>
/// <param name="EdmType">The EDM type's full name (<c>Edm.String</c>) or the enum type's full name.</param>
/// <param name="Storage">How values are stored.</param>
/// <param name="IsNullable">Whether the schema allows null.</param>
/// <param name="MaxLength">The longest string the column holds, or null when unbounded.</param>
/// <param name="EnumMembers">For an enum column, its member names in declaration order; otherwise null.</param>
public sealed record ColumnSchema(string Name, string EdmType, StorageKind Storage, bool IsNullable, int? MaxLength, IReadOnlyList<string>? EnumMembers);
