using System;
using System.Globalization;
using System.Text.Json;
using Microsoft.OData;

namespace DualWrite.Runtime.OData.Payloads.Json;

/// <summary>Writes one property value as ODataLib's JSON writer spells it, from the values the connector hands ODataLib (<see cref="ODataValues.ToOData"/>).</summary>
internal static class JsonValueWriter
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case ODataEnumValue member:
                writer.WriteStringValue(member.Value);
                break;
            case Guid id:
                writer.WriteStringValue(id);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case short number:
                writer.WriteNumberValue(number);
                break;
            case byte number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteStringValue(NonFinite(number));
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteStringValue(NonFinite(number));
                break;
            case DateTimeOffset moment:
                writer.WriteStringValue(moment.ToString(moment.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.WriteStringValue(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case not null when value.GetType().FullName is "Microsoft.OData.Edm.Date" or "Microsoft.OData.Edm.TimeOfDay":
                // ODataLib 8's own (obsolete) Date and TimeOfDay, which the connector's rows hold once read; they print as OData spells them.
                writer.WriteStringValue(value.ToString());
                break;
            default:
                throw new NotSupportedException($"The JSON payload writer does not write {value.GetType().Name} values.");
        }
    }

    // OData JSON spells the values JSON numbers cannot hold as strings.
    private static string NonFinite(double number) => double.IsNaN(number) ? "NaN" : number > 0 ? "INF" : "-INF";
}
