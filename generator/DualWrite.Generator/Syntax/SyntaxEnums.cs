namespace DualWrite.Generator.Syntax;

/// <summary>Which environment a name or a clause belongs to.</summary>
internal enum Side
{
    Fo,
    Dataverse,
}

/// <summary>A data flow: the left side is always F&amp;O, the right side always Dataverse.</summary>
internal enum Direction
{
    /// <summary><c>&lt;-&gt;</c></summary>
    Both,

    /// <summary><c>-&gt;</c>: F&amp;O to Dataverse.</summary>
    ToDataverse,

    /// <summary><c>&lt;-</c>: Dataverse to F&amp;O.</summary>
    ToFo,
}

internal enum CompanyScope
{
    Striped,
    Global,
}

internal enum ConflictPolicy
{
    Fail,
    FoWins,
    DataverseWins,
    LatestWins,
}

internal enum DeletePolicy
{
    Sync,
    Ignore,
}

internal enum LiteralKind
{
    String,
    Integer,
    Decimal,
    Boolean,
    Null,

    /// <summary>An F&amp;O enum value written <c>EnumType::Member</c>.</summary>
    EnumValue,
}
