using System;
using System.Collections.Generic;

namespace DualWrite.Generator.Common;

/// <summary>"Did you mean" for unknown names: the closest candidate by edit distance, if it is close enough.</summary>
internal static class NameSuggestions
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate, ignoreCase: true);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or nothing.</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var closest = Closest(name, candidates);
        return closest is null ? string.Empty : $" Did you mean '{closest}'?";
    }

    /// <summary>The edit distance between two names.</summary>
    public static int Distance(string a, string b, bool ignoreCase)
    {
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
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
