using System;
using System.Buffers;
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
    // Every row filed or written is written as JSON two or three times (key, image, fingerprint): one writer and buffer
    // per thread serve them all, the buffer dropped after an unusually large row.
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write(IReadOnlyDictionary<string, object?> row)
    {
        var writer = StartWriting();
        WriteObject(writer, row);
        return WrittenText(writer);
    }

    /// <summary>A row key: its key values as a JSON array of strings.</summary>
    public static string Key(IEnumerable<string> values)
    {
        var writer = StartWriting();
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
        return WrittenText(writer);
    }

    /// <summary>
    /// A row key from a row: the text of its values at <paramref name="columns"/> (<see cref="Payloads.ODataValues.KeyText"/>,
    /// empty where the row has none), as <see cref="Key(IEnumerable{string})"/> writes them. A Guid is written as it is,
    /// not through a string: its JSON text is the same, and Dataverse's rows are keyed by one.
    /// </summary>
    public static string Key(IReadOnlyList<string> columns, IReadOnlyDictionary<string, object?> row)
    {
        var writer = StartWriting();
        writer.WriteStartArray();
        for (var i = 0; i < columns.Count; i++)
        {
            row.TryGetValue(columns[i], out var value);
            if (value is Guid id)
            {
                writer.WriteStringValue(id);
            }
            else
            {
                writer.WriteStringValue(Payloads.ODataValues.KeyText(value));
            }
        }

        writer.WriteEndArray();
        return WrittenText(writer);
    }

    public static Dictionary<string, object?> Read(string image)
    {
        using var document = JsonDocument.Parse(image);
        return ReadObject(document.RootElement);
    }

    /// <summary>
    /// A fingerprint of the row's values at <paramref name="columns"/> (each with its name in lower case, in
    /// <see cref="StringComparer.OrdinalIgnoreCase"/> order), to recognise a row the service sends again unchanged: the
    /// SHA-256 of the JSON object of those names and values, a missing value written as null.
    /// </summary>
    public static string Fingerprint(IReadOnlyList<(string Name, string Column)> columns, IReadOnlyDictionary<string, object?> row)
    {
        var writer = StartWriting();
        writer.WriteStartObject();
        foreach (var (name, column) in columns)
        {
            writer.WritePropertyName(name);
            row.TryGetValue(column, out var value);

            // 100 and 100.00 are the same amount, whichever way a service spells it.
            WriteValue(writer, value is decimal number ? number.ToString("G29", CultureInfo.InvariantCulture) : value);
        }

        writer.WriteEndObject();
        writer.Flush();
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(t_buffer!.WrittenSpan, hash);
        Done();
        return Convert.ToHexString(hash);
    }

    /// <summary>The order and spelling <see cref="Fingerprint"/> takes the columns in.</summary>
    public static (string Name, string Column)[] FingerprintColumns(IEnumerable<string> columns)
    {
        var ordered = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            ordered.Add(column.ToLowerInvariant(), column);
        }

        var result = new (string Name, string Column)[ordered.Count];
        var i = 0;
        foreach (var (name, column) in ordered)
        {
            result[i++] = (name, column);
        }

        return result;
    }

    private static Utf8JsonWriter StartWriting()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        return writer;
    }

    private static string WrittenText(Utf8JsonWriter writer)
    {
        writer.Flush();
        var text = Encoding.UTF8.GetString(t_buffer!.WrittenSpan);
        Done();
        return text;
    }

    private static void Done()
    {
        if (t_buffer!.Capacity > KeptBufferBytes)
        {
            t_buffer = null;
            t_writer = null;
        }
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
