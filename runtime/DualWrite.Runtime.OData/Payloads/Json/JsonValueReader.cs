using System;
using System.Globalization;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Payloads.Json;

/// <summary>
/// Reads one property value as the connector's ODataLib path leaves it (ODataLib's value, then <see cref="ODataValues.FromOData"/>):
/// enum members and <c>Edm.Date</c>/<c>Edm.TimeOfDay</c> as text, the other primitives as their CLR types.
/// </summary>
internal static class JsonValueReader
{
    public static object? Read(ref Utf8JsonReader reader, IEdmTypeReference? type)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (type is null)
        {
            return Undeclared(ref reader);
        }

        if (type.IsEnum())
        {
            return reader.GetString();
        }

        return type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.String => reader.GetString(),
            EdmPrimitiveTypeKind.Guid => reader.GetGuid(),
            EdmPrimitiveTypeKind.Boolean => reader.GetBoolean(),
            EdmPrimitiveTypeKind.Int32 => reader.GetInt32(),
            EdmPrimitiveTypeKind.Int64 => reader.TokenType == JsonTokenType.String ? long.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetInt64(),
            EdmPrimitiveTypeKind.Int16 => reader.GetInt16(),
            EdmPrimitiveTypeKind.Byte => reader.GetByte(),
            EdmPrimitiveTypeKind.SByte => reader.GetSByte(),
            EdmPrimitiveTypeKind.Decimal => reader.TokenType == JsonTokenType.String
                ? decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                : reader.GetDecimal(),
            EdmPrimitiveTypeKind.Double => reader.TokenType == JsonTokenType.String ? NonFinite(reader.GetString()!) : reader.GetDouble(),
            EdmPrimitiveTypeKind.Single => reader.TokenType == JsonTokenType.String ? (float)NonFinite(reader.GetString()!) : reader.GetSingle(),
            EdmPrimitiveTypeKind.DateTimeOffset => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            EdmPrimitiveTypeKind.Date => reader.GetString(),
            EdmPrimitiveTypeKind.TimeOfDay => TimeOnly.Parse(reader.GetString()!, CultureInfo.InvariantCulture).ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            EdmPrimitiveTypeKind.Binary => reader.GetBytesFromBase64(),
            var kind => throw new NotSupportedException($"The JSON payload reader does not read {kind} values."),
        };
    }

    // ODataLib types an undeclared primitive by its JSON token: text as string, integers as Int32 when they fit, else decimal.
    private static object? Undeclared(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.True or JsonTokenType.False => reader.GetBoolean(),
        JsonTokenType.Number when reader.TryGetInt32(out var small) => small,
        JsonTokenType.Number => reader.GetDecimal(),
        var token => throw new NotSupportedException($"The JSON payload reader does not read an undeclared {token} value."),
    };

    private static double NonFinite(string text) => text switch
    {
        "INF" => double.PositiveInfinity,
        "-INF" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
