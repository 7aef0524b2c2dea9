using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace DualWrite.Runtime.State;

/// <summary>
/// A record key as the source wrote it. Keys are stored upper-cased, because both services compare them ignoring case
/// and a record's changes must meet under one key; for showing, each value is taken back from the change's row image,
/// where a value equal to it but for case is found there, and kept as stored otherwise (a number, a lookup's key).
/// </summary>
public static class RecordKeySpelling
{
    /// <summary>The stored key <paramref name="recordKey"/> (<c>company|value|…</c>) spelled as in <paramref name="payload"/>, a JSON row image.</summary>
    public static string Recover(string recordKey, string payload)
    {
        var written = StringsOf(payload);
        if (written.Count == 0)
        {
            return recordKey;
        }

        var builder = new StringBuilder(recordKey.Length);
        var first = true;
        foreach (var part in Split(recordKey))
        {
            if (!first)
            {
                builder.Append('|');
            }

            first = false;
            var spelled = written.Contains(part, StringComparer.Ordinal) ? part : written.FirstOrDefault(w => string.Equals(w, part, StringComparison.OrdinalIgnoreCase)) ?? part;
            foreach (var c in spelled)
            {
                if (c is '|' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The key's parts, with <c>\|</c> and <c>\\</c> unescaped (<see cref="IntegrationKey.ToString"/>'s form).</summary>
    private static List<string> Split(string recordKey)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < recordKey.Length; i++)
        {
            var c = recordKey[i];
            if (c == '\\' && i + 1 < recordKey.Length)
            {
                current.Append(recordKey[++i]);
            }
            else if (c == '|')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>Every string in the image, nested objects included; none when it is not JSON.</summary>
    private static List<string> StringsOf(string payload)
    {
        var strings = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(payload);
            Collect(document.RootElement, strings);
        }
        catch (JsonException)
        {
            strings.Clear();
        }

        return strings;
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
        }
    }
}
