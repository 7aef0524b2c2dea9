using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Filters;

/// <summary>The kinds of values a filter can compare a property with.</summary>
internal enum FilterValueKind
{
    String,
    Boolean,
    Integer,
    Decimal,
    Floating,
    Guid,
    DateTimeOffset,
    Date,
    Enum,
    Unsupported,
}

/// <summary>A property's type as filters see it: its kind, its EDM name and, for an enum, its generated C# type.</summary>
internal sealed class FilterFieldType
{
    private FilterFieldType(FilterValueKind kind, string edmName, EnumTypeInfo? enumType = null, string? enumClrType = null)
    {
        Kind = kind;
        EdmName = edmName;
        EnumType = enumType;
        EnumClrType = enumClrType;
    }

    public FilterValueKind Kind { get; }

    /// <summary><c>Edm.Int32</c>, or the enum's full name.</summary>
    public string EdmName { get; }

    public EnumTypeInfo? EnumType { get; }

    /// <summary>The generated enum's C# type (<c>global::Ns.NoYes</c>), for an enum field.</summary>
    public string? EnumClrType { get; }

    /// <summary>Whether the field's C# type is <c>float</c>, whose literals take the suffix <c>f</c> (<c>double</c>'s take <c>d</c>).</summary>
    public bool IsSingle => EdmName == "Edm.Single";

    /// <summary>A short description for messages: <c>a string (Edm.String)</c>, <c>the enum NoYes</c>.</summary>
    public string Describe() => Kind switch
    {
        FilterValueKind.String => "a string (Edm.String)",
        FilterValueKind.Boolean => "a boolean (Edm.Boolean)",
        FilterValueKind.Integer => "an integer (" + EdmName + ")",
        FilterValueKind.Decimal => "a decimal (Edm.Decimal)",
        FilterValueKind.Floating => "a floating-point number (" + EdmName + ")",
        FilterValueKind.Guid => "a GUID (Edm.Guid)",
        FilterValueKind.DateTimeOffset => "a date and time (Edm.DateTimeOffset)",
        FilterValueKind.Date => "a date (Edm.Date)",
        FilterValueKind.Enum => "of enum type " + EnumType!.Name,
        _ => "of type " + EdmName,
    };

    public static FilterFieldType Of(PropertyInfo property, SchemaIndex schema, string enumNamespace)
    {
        if (property.IsCollection)
        {
            return new FilterFieldType(FilterValueKind.Unsupported, "Collection(" + property.TypeName + ")");
        }

        var kind = property.TypeName switch
        {
            "Edm.String" => FilterValueKind.String,
            "Edm.Boolean" => FilterValueKind.Boolean,
            "Edm.Byte" or "Edm.SByte" or "Edm.Int16" or "Edm.Int32" or "Edm.Int64" => FilterValueKind.Integer,
            "Edm.Decimal" => FilterValueKind.Decimal,
            "Edm.Double" or "Edm.Single" => FilterValueKind.Floating,
            "Edm.Guid" => FilterValueKind.Guid,
            "Edm.DateTimeOffset" => FilterValueKind.DateTimeOffset,
            "Edm.Date" => FilterValueKind.Date,
            _ => FilterValueKind.Unsupported,
        };
        if (kind != FilterValueKind.Unsupported)
        {
            return new FilterFieldType(kind, property.TypeName);
        }

        var enumType = schema.FindEnumType(property.TypeName);
        if (enumType is not null && enumNamespace.Length > 0)
        {
            return new FilterFieldType(FilterValueKind.Enum, enumType.FullName, enumType, enumNamespace + "." + enumType.Name);
        }

        return new FilterFieldType(FilterValueKind.Unsupported, property.TypeName);
    }
}

/// <summary>Collects a filter's diagnostics, placing each at its token inside the .dwmap file.</summary>
internal sealed class FilterDiagnostics
{
    private readonly FilterContext _context;
    private readonly List<DiagnosticInfo> _items = new();

    public FilterDiagnostics(FilterContext context) => _context = context;

    public bool HasErrors { get; private set; }

    public int Count => _items.Count;

    public void Add(DiagnosticDescriptor descriptor, int offset, int length, string message)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        var textLength = _context.SourceOffsets.IsEmpty ? _context.TextRange.Length : _context.SourceOffsets.Count - 1;
        offset = Math.Max(0, Math.Min(offset, textLength));
        length = Math.Max(0, Math.Min(length, textLength - offset));
        var location = _context.Lines.GetLocation(_context.SourceRange(offset, length));
        _items.Add(DiagnosticInfo.Create(descriptor, location, message));
    }

    public EquatableArray<DiagnosticInfo> ToArray()
    {
        _items.Sort((a, b) => (a.Location?.Range.Start ?? 0).CompareTo(b.Location?.Range.Start ?? 0));
        return _items.ToEquatableArray();
    }
}

/// <summary>The schema spellings of the properties a filter reads, in order of first use.</summary>
internal sealed class UsedPropertySet
{
    private readonly List<string> _names = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Add(string name)
    {
        if (_seen.Add(name))
        {
            _names.Add(name);
        }
    }

    public EquatableArray<string> ToArray() => _names.ToEquatableArray();
}

/// <summary>Operator precedence of generated code, loosest first.</summary>
internal enum Precedence
{
    Or = 1,
    And = 2,
    Comparison = 3,
    Unary = 4,
    Primary = 5,
}

/// <summary>A piece of generated code with the precedence of its outermost operator.</summary>
internal readonly struct CodeFragment
{
    public CodeFragment(string text, Precedence precedence)
    {
        Text = text;
        Precedence = precedence;
    }

    public string Text { get; }

    public Precedence Precedence { get; }

    /// <summary>The text, parenthesized when its operator binds looser than <paramref name="required"/>.</summary>
    public string At(Precedence required) => Precedence < required ? "(" + Text + ")" : Text;

    public static CodeFragment Primary(string text) => new(text, Precedence.Primary);

    public static CodeFragment Comparison(string text) => new(text, Precedence.Comparison);

    /// <summary>
    /// <c>a &amp;&amp; b</c> / <c>a || b</c> (C#) or <c>a and b</c> / <c>a or b</c> (OData). An operand of the other
    /// logical operator is parenthesized even where precedence would not require it, for the reader.
    /// </summary>
    public static CodeFragment Logical(bool isAnd, string op, CodeFragment left, CodeFragment right)
    {
        var required = isAnd ? Precedence.Comparison : Precedence.And;
        if (!isAnd)
        {
            // In an 'or', an 'and' operand is parenthesized for the reader; an 'or' operand stays flat.
            string Side(CodeFragment f) => f.Precedence == Precedence.Or ? f.Text : f.At(Precedence.Comparison);
            return new CodeFragment(Side(left) + " " + op + " " + Side(right), Precedence.Or);
        }

        string AndSide(CodeFragment f) => f.Precedence == Precedence.And ? f.Text : f.At(required);
        return new CodeFragment(AndSide(left) + " " + op + " " + AndSide(right), Precedence.And);
    }
}

/// <summary>Invariant-culture C# and OData literal text.</summary>
internal static class Literals
{
    public const string OrdinalIgnoreCase = "global::System.StringComparison.OrdinalIgnoreCase";
    public const string Functions = "global::DualWrite.Generated.DualWriteFilterFunctions";

    public static string ODataString(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A C# numeric literal for a property of <paramref name="type"/>; null when the value does not fit.</summary>
    public static string? CSharpNumber(decimal value, bool isIntegral, FilterFieldType type)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case FilterValueKind.Decimal:
                return text + "m";
            case FilterValueKind.Floating:
                return text + (type.IsSingle ? "f" : "d");
            case FilterValueKind.Integer:
                if (!isIntegral)
                {
                    return text + "m";
                }

                if (value >= int.MinValue && value <= int.MaxValue)
                {
                    return text;
                }

                return value >= long.MinValue && value <= long.MaxValue ? text + "L" : null;
            default:
                return null;
        }
    }

    public static string CSharpDate(int year, int month, int day) =>
        string.Format(CultureInfo.InvariantCulture, "new global::System.DateOnly({0}, {1}, {2})", year, month, day);

    public static string CSharpDateTimeOffset(DateTimeOffset value)
    {
        var offset = value.Offset == TimeSpan.Zero
            ? "global::System.TimeSpan.Zero"
            : string.Format(CultureInfo.InvariantCulture, "global::System.TimeSpan.FromMinutes({0})", (int)value.Offset.TotalMinutes);
        var subMillisecond = value.Ticks % TimeSpan.TicksPerMillisecond;
        if (subMillisecond != 0)
        {
            return string.Format(CultureInfo.InvariantCulture, "new global::System.DateTimeOffset({0}L, {1})", value.Ticks, offset);
        }

        return value.Millisecond != 0
            ? string.Format(CultureInfo.InvariantCulture, "new global::System.DateTimeOffset({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})", value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, value.Millisecond, offset)
            : string.Format(CultureInfo.InvariantCulture, "new global::System.DateTimeOffset({0}, {1}, {2}, {3}, {4}, {5}, {6})", value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, offset);
    }

    public static string CSharpGuid(Guid value) => "new global::System.Guid(\"" + value.ToString("D") + "\")";

    /// <summary>A member access on the entity: <c>entity.Name</c>, or <c>entity.@class</c> for C# keywords.</summary>
    public static string Member(string entityExpression, string propertyName) =>
        entityExpression + "." + CSharp.Identifier(propertyName);

    /// <summary>A qualified enum member: <c>global::Ns.NoYes.Yes</c>, escaping keywords.</summary>
    public static string EnumMember(string enumClrType, string member) =>
        enumClrType + "." + CSharp.Identifier(member);

    /// <summary>Members of an enum for messages: <c>None, Person, Organization</c> (at most 20).</summary>
    public static string MemberList(EnumTypeInfo type)
    {
        var builder = new StringBuilder();
        var count = 0;
        foreach (var member in type.Members)
        {
            if (count == 20)
            {
                builder.Append(", …");
                break;
            }

            if (count++ > 0)
            {
                builder.Append(", ");
            }

            builder.Append(member.Name);
        }

        return builder.ToString();
    }
}

/// <summary>Thrown by the hand-written parsers to stop at a syntax error; never escapes a compiler.</summary>
internal sealed class FilterSyntaxException : Exception
{
    public FilterSyntaxException(int offset, int length, string message, DiagnosticDescriptor? descriptor = null)
        : base(message)
    {
        Offset = offset;
        Length = length;
        Descriptor = descriptor ?? DiagnosticDescriptors.FilterSyntaxError;
    }

    public int Offset { get; }

    public int Length { get; }

    public DiagnosticDescriptor Descriptor { get; }
}
