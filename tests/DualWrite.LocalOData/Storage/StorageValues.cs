using System;
using System.Globalization;
using System.Linq;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace DualWrite.LocalOData.Storage;

/// <summary>Converts between the CLR values ODataLib reads and writes and the values SQLite stores.</summary>
public static class StorageValues
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The stored form of a value read from a payload, a key or a filter; a value of the wrong type is a 400.</summary>
    public static object? ToStorage(ColumnInfo column, object? value)
    {
        if (value is null or ODataNullValue)
        {
            return null;
        }

        try
        {
            return column.Kind switch
            {
                ColumnKind.Text => value is string s ? s : throw Mismatch(column, value),
                ColumnKind.Guid => (value is Guid g ? g : Guid.Parse(Text(column, value))).ToString("D"),
                ColumnKind.Integer => Convert.ToInt64(Number(column, value), CultureInfo.InvariantCulture),
                ColumnKind.Boolean => value is bool b ? (b ? 1L : 0L) : throw Mismatch(column, value),
                ColumnKind.Decimal => Normalize(Convert.ToDecimal(Number(column, value), CultureInfo.InvariantCulture)),
                ColumnKind.Real => Convert.ToDouble(Number(column, value), CultureInfo.InvariantCulture),
                ColumnKind.DateTimeOffset => Timestamp(value switch
                {
                    DateTimeOffset d => d,
                    DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                    _ => DateTimeOffset.Parse(Text(column, value), CultureInfo.InvariantCulture),
                }),
                ColumnKind.Enum => EnumMember(column, value),
                ColumnKind.Binary => value is byte[] bytes ? bytes : throw Mismatch(column, value),
                _ => throw Mismatch(column, value),
            };
        }
        catch (FormatException)
        {
            throw Mismatch(column, value);
        }
        catch (OverflowException)
        {
            throw Mismatch(column, value);
        }
    }

    /// <summary>The CLR value ODataLib writes for a stored value.</summary>
    public static object? FromStorage(ColumnInfo column, object? stored)
    {
        if (stored is null or DBNull)
        {
            return null;
        }

        return column.Kind switch
        {
            ColumnKind.Text => (string)stored,
            ColumnKind.Guid => Guid.Parse((string)stored),
            ColumnKind.Integer => column.Type.PrimitiveKind() switch
            {
                EdmPrimitiveTypeKind.Int64 => (long)stored,
                EdmPrimitiveTypeKind.Int16 => (short)(long)stored,
                EdmPrimitiveTypeKind.Byte => (byte)(long)stored,
                EdmPrimitiveTypeKind.SByte => (sbyte)(long)stored,
                _ => (object)(int)(long)stored,
            },
            ColumnKind.Boolean => (long)stored != 0,
            ColumnKind.Decimal => decimal.Parse((string)stored, NumberStyles.Float, CultureInfo.InvariantCulture),
            ColumnKind.Real => column.Type.PrimitiveKind() == EdmPrimitiveTypeKind.Single ? (float)(double)stored : (double)stored,
            ColumnKind.DateTimeOffset => DateTimeOffset.Parse((string)stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            ColumnKind.Enum => new ODataEnumValue((string)stored, column.Type.FullName()),
            ColumnKind.Binary => (byte[])stored,
            _ => throw new NotSupportedException($"Column kind {column.Kind} cannot be read."),
        };
    }

    /// <summary>A timestamp as stored: UTC, fixed width, so text order is time order.</summary>
    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing zeros, so equal amounts are equal text.</summary>
    public static string Normalize(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string EnumMember(ColumnInfo column, object value)
    {
        var type = column.Type.AsEnum().EnumDefinition();
        var name = value switch
        {
            ODataEnumValue e => e.Value,
            string s => s,
            _ => throw Mismatch(column, value),
        };

        // F&O accepts the member name, or its value as text; either way the member name is what it stores and returns.
        var member = type.Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? type.Members.FirstOrDefault(m => m.Value.Value.ToString(CultureInfo.InvariantCulture) == name);
        return member?.Name
            ?? throw ODataServiceException.BadRequest($"'{name}' is not a member of enum {type.FullName()} (property '{column.Name}').");
    }

    private static object Number(ColumnInfo column, object value) =>
        value is string or bool ? throw Mismatch(column, value) : value;

    private static string Text(ColumnInfo column, object value) => value as string ?? throw Mismatch(column, value);

    private static ODataServiceException Mismatch(ColumnInfo column, object value) =>
        ODataServiceException.BadRequest(
            $"Cannot convert the value '{value}' ({value.GetType().Name}) to the type {column.Type.FullName()} of property '{column.Name}'.");
}
