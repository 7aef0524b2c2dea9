using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DualWrite.Runtime.OData.Journal;

/// <summary>
/// A row as the journal keeps it: a JSON object of plain values. A lookup the connector wrote itself is kept as an
/// object of the looked-up row's key values (<c>"msdyn_company": {"cdm_companycode": "USMF"}</c>); a lookup read from the
/// service as its <c>_x_value</c> id. This is the journal's own format, not an OData payload.
/// </summary>
internal static class RowImage
{
    public static string Write(IReadOnlyDictionary<string, object?> row)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, row);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, object?> Read(string image)
    {
        using var document = JsonDocument.Parse(image);
        return ReadObject(document.RootElement);
    }

    /// <summary>A fingerprint of the row's values, to recognise a row the service sends again unchanged.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, object?> row)
    {
        var ordered = new SortedDictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in row)
        {
            // 100 and 100.00 are the same amount, whichever way a service spells it.
            ordered[name.ToLowerInvariant()] = value is decimal number ? number.ToString("G29", CultureInfo.InvariantCulture) : value;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Write(ordered)));
        return Convert.ToHexString(hash);
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> row)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in row)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case IReadOnlyDictionary<string, object?> nested:
                WriteObject(writer, nested);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case Guid id:
                writer.WriteStringValue(id.ToString("D"));
                break;
            case DateTimeOffset moment:
                writer.WriteStringValue(moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTime moment:
                writer.WriteStringValue(moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                break;
            case Enum member:
                writer.WriteStringValue(member.ToString());
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static Dictionary<string, object?> ReadObject(JsonElement element)
    {
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            row[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Object => ReadObject(property.Value),
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.TryGetInt64(out var integer) ? integer : property.Value.GetDecimal(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        return row;
    }
}
