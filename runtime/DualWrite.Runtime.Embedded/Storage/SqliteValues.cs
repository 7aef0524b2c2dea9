using System;
using System.Globalization;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>Converts property values to the values an embedded environment stores, and back.</summary>
internal static class SqliteValues
{
    private const string MomentFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The stored form of a value; checks that it fits the column.</summary>
    public static object ToStorage(object? value, TableSchema table, ColumnSchema column)
    {
        switch (value)
        {
            case null:
                return DBNull.Value;
            case string text:
                if (column.MaxLength is { } maxLength && text.Length > maxLength)
                {
                    throw new EnvironmentWriteException(
                        $"The value '{Shorten(text)}' is {text.Length} characters long; {table.Name}.{column.Name} holds at most {maxLength}.");
                }

                return text;
            case Enum member:
                var name = member.ToString();
                if (column.EnumMembers is { } members && !Contains(members, name))
                {
                    throw new EnvironmentWriteException($"'{name}' is not a member of {column.EdmType} ({table.Name}.{column.Name}).");
                }

                return name;
            case bool flag:
                return flag ? 1L : 0L;
            case Guid id:
                return id.ToString("D");
            case decimal number:
                return number.ToString(CultureInfo.InvariantCulture);
            case DateTimeOffset moment:
                return moment.UtcDateTime.ToString(MomentFormat, CultureInfo.InvariantCulture);
            case DateTime moment:
                return moment.ToUniversalTime().ToString(MomentFormat, CultureInfo.InvariantCulture);
            case DateOnly date:
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case TimeOnly time:
                return time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
            case byte or sbyte or short or ushort or int or uint or long:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case float or double:
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case byte[] bytes:
                return bytes;
            default:
                throw new NotSupportedException($"Values of type {value.GetType().Name} cannot be stored in {table.Name}.{column.Name}.");
        }
    }

    /// <summary>The value of <paramref name="clrType"/> (without Nullable) that a stored value stands for.</summary>
    public static object? FromStorage(object? raw, Type clrType)
    {
        if (raw is null or DBNull)
        {
            return null;
        }

        if (clrType.IsEnum)
        {
            return raw is string name ? Enum.Parse(clrType, name, ignoreCase: true) : Enum.ToObject(clrType, Convert.ToInt64(raw, CultureInfo.InvariantCulture));
        }

        return Type.GetTypeCode(clrType) switch
        {
            TypeCode.String => raw as string ?? Convert.ToString(raw, CultureInfo.InvariantCulture),
            TypeCode.Boolean => raw is string text ? text is "1" || bool.Parse(text) : Convert.ToInt64(raw, CultureInfo.InvariantCulture) != 0,
            TypeCode.Decimal => raw is string text ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : Convert.ToDecimal(raw, CultureInfo.InvariantCulture),
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64
                or TypeCode.Double or TypeCode.Single => Convert.ChangeType(raw, clrType, CultureInfo.InvariantCulture),
            TypeCode.DateTime => DateTime.Parse(Text(raw), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            _ when clrType == typeof(Guid) => Guid.Parse(Text(raw)),
            _ when clrType == typeof(DateTimeOffset) => DateTimeOffset.Parse(Text(raw), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ when clrType == typeof(DateOnly) => DateOnly.Parse(Text(raw), CultureInfo.InvariantCulture),
            _ when clrType == typeof(TimeOnly) => TimeOnly.Parse(Text(raw), CultureInfo.InvariantCulture),
            _ when clrType == typeof(byte[]) => raw as byte[] ?? throw new NotSupportedException($"A {raw.GetType().Name} is not binary data."),
            _ => throw new NotSupportedException($"Stored values cannot be read as {clrType.Name}."),
        };
    }

    private static string Text(object raw) => raw as string ?? Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty;

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

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
