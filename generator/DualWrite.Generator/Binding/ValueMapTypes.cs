using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>The C# type of one side of a value map, from the kind of its literals.</summary>
internal static class ValueMapTypes
{
    /// <summary>Null when the side has no single type (mixed, empty, or an enum the F&amp;O schema lacks).</summary>
    public static string? ClrType(ValueShape shape, Side side, SchemaIndex? foSchema, string foEnumNamespace)
    {
        if (shape.IsMixed || shape.Kind is null)
        {
            return null;
        }

        switch (shape.Kind.Value)
        {
            case LiteralKind.String: return ClrTypes.String;
            case LiteralKind.Integer: return ClrTypes.Int32;
            case LiteralKind.Decimal: return ClrTypes.Decimal;
            case LiteralKind.Boolean: return ClrTypes.Boolean;
            case LiteralKind.EnumValue when side == Side.Fo && foSchema?.FindEnumType(shape.EnumType!) is { } enumType:
                return "global::" + foEnumNamespace + "." + enumType.Name + "?";
            default:
                return null;
        }
    }
}
