using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DualWrite.Cli.Commands.Import.DualWriteJson;

/// <summary>
/// Reads a row's direction as dual-write and its tools write it: a number (1, 2, 3), a number in a string, or a
/// name (<c>FOOnly</c>, <c>CEOnly</c>, <c>Both</c>, or this project's names). Writes the number, as the service does.
/// </summary>
public sealed class SyncDirectionConverter : JsonConverter<FieldSyncDirection>
{
    public override FieldSyncDirection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return FromNumber(number, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!.Trim();
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            {
                return FromNumber(number, text);
            }

            return text.ToUpperInvariant() switch
            {
                "FOONLY" or "TODATAVERSE" or "FOTOCE" => FieldSyncDirection.ToDataverse,
                "CEONLY" or "TOFO" or "CETOFO" => FieldSyncDirection.ToFo,
                "BOTH" or "BIDIRECTIONAL" => FieldSyncDirection.Both,
                _ => throw new JsonException($"syncDirection '{text}' is none of 1 (F&O to Dataverse), 2 (Dataverse to F&O), 3 (both ways)."),
            };
        }

        throw new JsonException($"syncDirection must be a number or a string, not {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, FieldSyncDirection value, JsonSerializerOptions options) => writer.WriteNumberValue((int)value);

    private static FieldSyncDirection FromNumber(int number, string text) =>
        Enum.IsDefined((FieldSyncDirection)number)
            ? (FieldSyncDirection)number
            : throw new JsonException($"syncDirection {text} is none of 1 (F&O to Dataverse), 2 (Dataverse to F&O), 3 (both ways).");
}
