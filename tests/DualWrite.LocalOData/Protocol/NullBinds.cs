using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DualWrite.LocalOData.Protocol;

/// <summary>
/// Dataverse clears a lookup from <c>"nav@odata.bind": null</c> (documented under "Disassociate with a single-valued
/// navigation property"). ODataLib's reader refuses that member ("The 'odata.bind' instance or property annotation has a
/// null value"), so those members are taken out of the body before ODataLib reads the rest, and returned by name.
/// </summary>
internal static class NullBinds
{
    private const string Suffix = "@odata.bind";

    /// <summary>The body without its top-level null binds, and the properties they name; the body as it is when it has none or is not a JSON object.</summary>
    public static byte[] Extract(byte[] body, List<string> cleared)
    {
        if (body.AsSpan().IndexOf(Suffix.Select(c => (byte)c).ToArray()) < 0)
        {
            return body;
        }

        JsonObject? entity;
        try
        {
            entity = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // ODataLib reports the malformed body.
            return body;
        }

        var nulls = entity?.Where(member => member.Key.EndsWith(Suffix, StringComparison.Ordinal) && member.Value is null).Select(member => member.Key).ToList();
        if (entity is null || nulls is null || nulls.Count == 0)
        {
            return body;
        }

        foreach (var name in nulls)
        {
            entity.Remove(name);
            cleared.Add(name[..^Suffix.Length]);
        }

        return JsonSerializer.SerializeToUtf8Bytes(entity);
    }
}
