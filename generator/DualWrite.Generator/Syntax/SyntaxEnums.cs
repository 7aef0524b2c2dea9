namespace DualWrite.Generator.Syntax;

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
