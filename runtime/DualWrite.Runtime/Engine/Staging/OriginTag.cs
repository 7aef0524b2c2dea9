using System;
using System.Globalization;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>Reads the tag a map's write carries in the target's change log: <c>dualwrite:&lt;map&gt;#&lt;source sequence&gt;</c>.</summary>
internal static class OriginTag
{
    /// <summary>Whether <paramref name="origin"/> is a write of <paramref name="map"/>, and which source change it carried.</summary>
    public static bool TryParse(string map, string? origin, out long sourceSequence)
    {
        sourceSequence = 0;
        var prefix = "dualwrite:" + map + "#";
        return origin is not null && origin.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(origin.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sourceSequence);
    }
}
