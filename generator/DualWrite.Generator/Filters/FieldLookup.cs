using System;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Filters;

/// <summary>Messages for unknown names: the closest property name, if any is close.</summary>
internal static class FieldLookup
{
    public static string DidYouMean(SchemaIndex schema, EntityTypeInfo type, string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var t in schema.SelfAndBaseTypes(type))
        {
            foreach (var property in t.Properties)
            {
                var distance = Distance(property.Name, name, schema.IgnoreCase);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = property.Name;
                }
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 4) ? "; did you mean '" + best + "'?" : "";
    }

    // Names far apart in length are never suggestions; skipping them keeps large entities cheap.
    private static int Distance(string a, string b, bool ignoreCase) =>
        Math.Abs(a.Length - b.Length) > 8 ? int.MaxValue : NameSuggestions.Distance(a, b, ignoreCase);
}
