using System;
using System.Globalization;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Payloads;

/// <summary>Converts between entity-class values, the values ODataLib reads and writes, and URL literals.</summary>
internal static class ODataValues
{
    /// <summary>The value ODataLib writes for a property of an entity class: enums as their members, dates as EDM dates.</summary>
    public static object? ToOData(object? value, TableSchema table, ColumnSchema column)
    {
        switch (value)
        {
            case null:
                return null;
            case string text when column.MaxLength is { } maxLength && text.Length > maxLength:
                throw new EnvironmentWriteException(
                    $"The value '{(text.Length <= 40 ? text : text[..37] + "...")}' is {text.Length} characters long; {table.Name}.{column.Name} holds at most {maxLength}.");
            case Enum member:
                var name = member.ToString();
                if (column.EnumMembers is { } members && !Contains(members, name))
                {
                    throw new EnvironmentWriteException($"'{name}' is not a member of {column.EdmType} ({table.Name}.{column.Name}).");
                }

                return new ODataEnumValue(name, column.EdmType);
            case DateOnly date:
                return date;
            case DateTime moment:
                return new DateTimeOffset(moment.ToUniversalTime(), TimeSpan.Zero);
            default:
                return Narrow(value, column.EdmType);
        }
    }

    /// <summary>A value ODataLib read, made plain for the journal: enum members and dates as text.</summary>
    public static object? FromOData(object? value) => value switch
    {
        ODataEnumValue member => member.Value,
        ODataUntypedValue untyped => untyped.RawValue,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>A plain value (from ODataLib or the journal) as the entity class's property type.</summary>
    public static object? ToClr(object? raw, Type clrType)
    {
        if (raw is null)
        {
            return null;
        }

        if (clrType.IsInstanceOfType(raw))
        {
            return raw;
        }

        if (clrType.IsEnum)
        {
            return raw is string name ? Enum.Parse(clrType, name, ignoreCase: true) : Enum.ToObject(clrType, Convert.ToInt64(raw, CultureInfo.InvariantCulture));
        }

        var text = raw as string;
        return Type.GetTypeCode(clrType) switch
        {
            TypeCode.String => text ?? Convert.ToString(raw, CultureInfo.InvariantCulture),
            TypeCode.Boolean => text is null ? Convert.ToBoolean(raw, CultureInfo.InvariantCulture) : bool.Parse(text),
            TypeCode.Decimal => text is null ? Convert.ToDecimal(raw, CultureInfo.InvariantCulture) : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            TypeCode.DateTime => raw is DateTimeOffset moment ? moment.UtcDateTime : DateTime.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64
                or TypeCode.Double or TypeCode.Single => Convert.ChangeType(raw, clrType, CultureInfo.InvariantCulture),
            _ when clrType == typeof(Guid) => raw is Guid id ? id : Guid.Parse(text!),
            _ when clrType == typeof(DateTimeOffset) => DateTimeOffset.Parse(text ?? Convert.ToString(raw, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ when clrType == typeof(DateOnly) => raw is DateTimeOffset day ? DateOnly.FromDateTime(day.UtcDateTime) : DateOnly.Parse(text!, CultureInfo.InvariantCulture),
            _ when clrType == typeof(TimeOnly) => TimeOnly.Parse(text!, CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"OData values cannot be read as {clrType.Name}."),
        };
    }

    /// <summary>
    /// A key or filter literal as OData URLs spell it, escaped for a URL: <c>'O''Brien'</c>, a bare Guid,
    /// <c>Microsoft.Dynamics.DataEntities.NoYes'Yes'</c>.
    /// </summary>
    public static string UriLiteral(object? value, ColumnSchema? column)
    {
        var odata = value switch
        {
            null => null,
            Enum member => new ODataEnumValue(member.ToString(), column?.EdmType ?? member.GetType().Name),
            string text when column?.EnumMembers is not null => new ODataEnumValue(text, column.EdmType),
            string text when column?.EdmType == "Edm.Guid" => Guid.Parse(text),
            DateTime moment => new DateTimeOffset(moment.ToUniversalTime(), TimeSpan.Zero),
            _ when column is not null => Narrow(value, column.EdmType),
            _ => value,
        };

        // ODataUriUtils doubles the quotes inside string literals; the result is then escaped as one URL segment.
        var literal = ODataUriUtils.ConvertToUriLiteral(odata, ODataVersion.V4);
        return Uri.EscapeDataString(literal);
    }

    /// <summary>Whether two plain values are the same value (text ignoring case, as both services compare keys).</summary>
    public static bool SameKey(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return string.Equals(KeyText(left), KeyText(right), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A key value as text, as <see cref="KeyOrder"/> compares it.</summary>
    /// <summary>
    /// The key an entity id names (<c>accounts(00000000-…)</c>, <c>Customers('US-001')</c>), unescaped and unquoted; an id
    /// without parentheses is taken as the key itself.
    /// </summary>
    public static string KeyOfEntityId(string id)
    {
        var text = Uri.UnescapeDataString(id);
        var open = text.LastIndexOf('(');
        var close = text.LastIndexOf(')');
        if (open >= 0 && close > open)
        {
            text = text[(open + 1)..close];
        }

        return text.Trim('\'');
    }

    public static string KeyText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        Enum member => member.ToString(),
        Guid id => id.ToString("D"),
        DateTimeOffset moment => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    // Generated classes use the CLR types of the EDM types, but a transform may hand an int to an Int64 column.
    private static object Narrow(object value, string edmType) => edmType switch
    {
        "Edm.Int64" when value is not long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "Edm.Int32" when value is not int && (value is long or short or byte) => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "Edm.Decimal" when value is not decimal && (value is int or long or double) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        "Edm.Double" when value is not double && (value is int or long or float or decimal) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static bool Contains(System.Collections.Generic.IReadOnlyList<string> members, string name)
    {
        foreach (var member in members)
        {
            if (string.Equals(member, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
