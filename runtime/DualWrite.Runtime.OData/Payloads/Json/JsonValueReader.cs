using System;
using System.Globalization;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DualWrite.Runtime.OData.Payloads.Json;

/// <summary>
/// Reads one property value as the connector's ODataLib path leaves it (ODataLib's value, then <see cref="ODataValues.FromOData"/>):
/// enum members as text, <c>Edm.Date</c>/<c>Edm.TimeOfDay</c> as ODataLib's <see cref="Date"/>/<see cref="TimeOfDay"/>, the other primitives as their CLR types.
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
            // The nearest double to the text; ODataLib goes through decimal and can land a unit in the last place away.
            EdmPrimitiveTypeKind.Double => reader.TokenType == JsonTokenType.String ? NonFinite(reader.GetString()!) : reader.GetDouble(),
            EdmPrimitiveTypeKind.Single => reader.TokenType == JsonTokenType.String ? (float)NonFinite(reader.GetString()!) : reader.GetSingle(),
            EdmPrimitiveTypeKind.DateTimeOffset => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            EdmPrimitiveTypeKind.Date => ReadDate(reader.GetString()!),
            EdmPrimitiveTypeKind.TimeOfDay => ReadTimeOfDay(reader.GetString()!),
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

    // ODataLib 8 reads these as its own (obsolete) Date and TimeOfDay, which FromOData passes through unchanged; the
    // connector's rows hold them, so the codec must too until ODataLib 9 reads DateOnly and TimeOnly.
#pragma warning disable CS0618
    private static object ReadDate(string text) => Date.Parse(text, CultureInfo.InvariantCulture);

    private static object ReadTimeOfDay(string text) => TimeOfDay.Parse(text, CultureInfo.InvariantCulture);
#pragma warning restore CS0618

    private static double NonFinite(string text) => text switch
    {
        "INF" => double.PositiveInfinity,
        "-INF" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
