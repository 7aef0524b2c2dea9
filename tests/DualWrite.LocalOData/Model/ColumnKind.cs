namespace DualWrite.LocalOData.Model;

/// <summary>How a structural property is stored in its SQLite column.</summary>
public enum ColumnKind
{
    /// <summary>Edm.String; compared ignoring case, as both services' SQL Server collations do.</summary>
    Text,

    /// <summary>Edm.Guid, stored lower-case.</summary>
    Guid,

    /// <summary>Edm.Int16/32/64, Byte, SByte.</summary>
    Integer,

    /// <summary>Edm.Boolean, stored as 0/1.</summary>
    Boolean,

    /// <summary>Edm.Decimal, stored as invariant text so no precision is lost.</summary>
    Decimal,

    /// <summary>Edm.Double/Single.</summary>
    Real,

    /// <summary>Edm.DateTimeOffset, stored as UTC ISO-8601 text so text order is time order.</summary>
    DateTimeOffset,

    /// <summary>An enum type, stored as the member name (F&amp;O writes and filters enums by name).</summary>
    Enum,

    /// <summary>Edm.Binary.</summary>
    Binary,
}
