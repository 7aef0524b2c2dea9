using System;
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

    private static int Distance(string a, string b, bool ignoreCase)
    {
        if (Math.Abs(a.Length - b.Length) > 8)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var x = a[i - 1];
                var y = b[j - 1];
                var cost = (ignoreCase ? char.ToUpperInvariant(x) == char.ToUpperInvariant(y) : x == y) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
