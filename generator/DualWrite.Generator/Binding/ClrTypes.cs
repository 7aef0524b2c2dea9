using System;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Binding;

/// <summary>
/// The C# types of EDM types as the generated entity classes declare them (DSL.md §6): always nullable,
/// with <c>global::</c>-qualified names for non-keyword types.
/// </summary>
internal static class ClrTypes
{
    public const string String = "string?";
    public const string Decimal = "decimal?";
    public const string Int32 = "int?";
    public const string Int64 = "long?";
    public const string Boolean = "bool?";

    /// <summary>The nullable CLR type of a property; F&amp;O enums map into <paramref name="enumNamespace"/>.</summary>
    public static string? Of(PropertyInfo property, SchemaIndex schema, string enumNamespace)
    {
        if (property.IsCollection)
        {
            return null;
        }

        var type = property.TypeName;
        var builtIn = OfEdm(type);
        if (builtIn is not null)
        {
            return builtIn;
        }

        var enumType = schema.FindEnumType(type);
        return enumType is null ? null : "global::" + enumNamespace + "." + enumType.Name + "?";
    }

    public static string? OfEdm(string edmType) => edmType switch
    {
        "Edm.String" => String,
        "Edm.Decimal" => Decimal,
        "Edm.Int32" => Int32,
        "Edm.Int64" => Int64,
        "Edm.Int16" => "short?",
        "Edm.Byte" => "byte?",
        "Edm.SByte" => "sbyte?",
        "Edm.Double" => "double?",
        "Edm.Single" => "float?",
        "Edm.Boolean" => Boolean,
        "Edm.Guid" => "global::System.Guid?",
        "Edm.DateTimeOffset" => "global::System.DateTimeOffset?",
        "Edm.Date" => "global::System.DateOnly?",
        "Edm.TimeOfDay" => "global::System.TimeOnly?",
        "Edm.Duration" => "global::System.TimeSpan?",
        "Edm.Binary" => "byte[]?",
        _ => null,
    };

    /// <summary>The type without its trailing <c>?</c>.</summary>
    public static string Underlying(string clrType) => clrType.EndsWith("?", StringComparison.Ordinal) ? clrType.Substring(0, clrType.Length - 1) : clrType;

    public static bool IsValueType(string clrType)
    {
        var underlying = Underlying(clrType);
        return underlying is not ("string" or "byte[]" or "object");
    }

    /// <summary>A short name for messages: <c>global::System.Guid?</c> → <c>Guid</c>.</summary>
    public static string Display(string clrType)
    {
        var underlying = Underlying(clrType);
        var dot = underlying.LastIndexOf('.');
        return dot < 0 ? underlying : underlying.Substring(dot + 1);
    }

    /// <summary>
    /// Whether a value of <paramref name="source"/> can be assigned to <paramref name="target"/> without a
    /// conversion the user must choose: the same type, or a numeric widening that loses nothing.
    /// </summary>
    public static bool CanCopy(string source, string target)
    {
        var from = Underlying(source);
        var to = Underlying(target);
        if (from == to)
        {
            return true;
        }

        return (from, to) switch
        {
            ("byte", "short" or "int" or "long" or "decimal" or "double") => true,
            ("short", "int" or "long" or "decimal" or "double") => true,
            ("int", "long" or "decimal" or "double") => true,
            ("long", "decimal") => true,
            ("float", "double") => true,
            _ => false,
        };
    }

    public static bool IsNumeric(string clrType) => Underlying(clrType) is "byte" or "sbyte" or "short" or "int" or "long" or "decimal" or "double" or "float";

    public static bool IsIntegral(string clrType) => Underlying(clrType) is "byte" or "sbyte" or "short" or "int" or "long";
}
