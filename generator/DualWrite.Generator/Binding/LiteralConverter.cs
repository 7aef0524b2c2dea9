using System;
using System.Globalization;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>Turns a .dwmap literal into a C# expression of a given CLR type, or says why it cannot.</summary>
internal static class LiteralConverter
{
    /// <summary>The C# expression, or null with <paramref name="error"/> set.</summary>
    public static string? ToExpression(Literal literal, string targetClrType, SchemaIndex? foSchema, string foEnumNamespace, out string? error)
    {
        error = null;
        var target = ClrTypes.Underlying(targetClrType);
        var enumPrefix = "global::" + foEnumNamespace + ".";
        switch (literal.Kind)
        {
            case LiteralKind.Null:
                return "(" + targetClrType + ")null";

            case LiteralKind.Boolean when target == "bool":
                return literal.Value;

            case LiteralKind.Integer when ClrTypes.IsNumeric(target):
            case LiteralKind.Decimal when target is "decimal" or "double" or "float":
                if (FitsIn(literal.Value, target))
                {
                    return Number(literal.Value, target);
                }

                error = $"{Describe(literal)} is out of the range of {ClrTypes.Display(targetClrType)}";
                return null;

            case LiteralKind.String when target == "string":
                return CSharp.StringLiteral(literal.Value);

            case LiteralKind.String when target == "global::System.Guid":
                if (Guid.TryParse(literal.Value, out var guid))
                {
                    return "new global::System.Guid(" + CSharp.StringLiteral(guid.ToString("D")) + ")";
                }

                error = $"'{literal.Value}' is not a GUID; write it as \"00000000-0000-0000-0000-000000000000\"";
                return null;

            case LiteralKind.String when target == "global::System.DateOnly":
                if (DateTime.TryParseExact(literal.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return FormattableString.Invariant($"new global::System.DateOnly({date.Year}, {date.Month}, {date.Day})");
                }

                error = $"'{literal.Value}' is not a date; write it as \"yyyy-MM-dd\"";
                return null;

            case LiteralKind.String when target == "global::System.DateTimeOffset":
                if (DateTimeOffset.TryParse(literal.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                {
                    var utc = moment.ToUniversalTime();
                    return FormattableString.Invariant(
                        $"new global::System.DateTimeOffset({utc.Year}, {utc.Month}, {utc.Day}, {utc.Hour}, {utc.Minute}, {utc.Second}, global::System.TimeSpan.Zero)");
                }

                error = $"'{literal.Value}' is not a date and time; write it as \"yyyy-MM-ddTHH:mm:ssZ\"";
                return null;

            case LiteralKind.String or LiteralKind.EnumValue when target.StartsWith(enumPrefix, StringComparison.Ordinal) && foSchema is not null:
                return EnumMember(literal, target.Substring(enumPrefix.Length), target, foSchema, out error);
        }

        error = $"{Describe(literal)} is not a {ClrTypes.Display(targetClrType)}";
        return null;
    }

    public static string Describe(Literal literal) => literal.Kind switch
    {
        LiteralKind.String => "the string \"" + literal.Value + "\"",
        LiteralKind.EnumValue => "the enum value " + literal.Value,
        LiteralKind.Null => "null",
        _ => "the value " + literal.Value,
    };

    private static string? EnumMember(Literal literal, string enumName, string qualifiedEnum, SchemaIndex foSchema, out string? error)
    {
        error = null;
        var enumType = foSchema.FindEnumType(enumName);
        if (enumType is null)
        {
            error = $"the F&O schema has no enum '{enumName}'";
            return null;
        }

        if (literal.Kind == LiteralKind.EnumValue && !string.Equals(literal.EnumType, enumType.Name, StringComparison.OrdinalIgnoreCase))
        {
            error = $"{literal.Value} is a value of {literal.EnumType}, not of {enumType.Name}";
            return null;
        }

        var memberName = literal.Kind == LiteralKind.EnumValue ? literal.EnumMember! : literal.Value;
        foreach (var member in enumType.Members)
        {
            if (string.Equals(member.Name, memberName, StringComparison.OrdinalIgnoreCase))
            {
                return qualifiedEnum + "." + CSharp.Identifier(member.Name);
            }
        }

        error = $"{enumType.Name} has no member '{memberName}'; its members are {string.Join(", ", System.Linq.Enumerable.Select(enumType.Members, m => m.Name))}";
        return null;
    }

    /// <summary>
    /// What tells two literals converted to <paramref name="expression"/> of <paramref name="targetClrType"/> apart: a
    /// number by its value, so that <c>1</c>, <c>01</c> and <c>1.0</c> are one value (C# refuses the second as a
    /// subsumed case, CS8510); anything else by its expression.
    /// </summary>
    public static string ValueKey(Literal literal, string expression, string targetClrType)
    {
        var target = ClrTypes.Underlying(targetClrType);
        if (literal.Kind is not (LiteralKind.Integer or LiteralKind.Decimal) || !ClrTypes.IsNumeric(target))
        {
            return expression;
        }

        const NumberStyles Real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        var culture = CultureInfo.InvariantCulture;
        if (target is "double" or "float")
        {
            return double.TryParse(literal.Value, Real, culture, out var real)
                ? (target == "float" ? ((float)real).ToString("R", culture) : real.ToString("R", culture))
                : expression;
        }

        // Dividing by 1.000… drops trailing zeros, so 1.50 and 1.5 spell one value.
        return decimal.TryParse(literal.Value, Real, culture, out var number)
            ? (number / 1.0000000000000000000000000000m).ToString(culture)
            : expression;
    }

    /// <summary>Whether the literal is a constant of <paramref name="target"/> that C# accepts (no overflow).</summary>
    private static bool FitsIn(string text, string target)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        const NumberStyles Real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        var culture = CultureInfo.InvariantCulture;
        return target switch
        {
            "int" => int.TryParse(text, Integer, culture, out _),
            "long" => long.TryParse(text, Integer, culture, out _),
            "short" => short.TryParse(text, Integer, culture, out _),
            "byte" => byte.TryParse(text, Integer, culture, out _),
            "sbyte" => sbyte.TryParse(text, Integer, culture, out _),
            "decimal" => decimal.TryParse(text, Real, culture, out _),
            "double" => double.TryParse(text, Real, culture, out var d) && !double.IsInfinity(d),
            "float" => float.TryParse(text, Real, culture, out var f) && !float.IsInfinity(f),
            _ => true,
        };
    }

    private static string Number(string text, string target) => target switch
    {
        "decimal" => text + "m",
        "double" => text.IndexOf('.') >= 0 ? text : text + "d",
        "float" => text + "f",
        "long" => text + "L",
        "int" => text,
        _ => "(" + target + ")" + text,
    };
}
