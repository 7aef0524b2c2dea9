using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Preflight;

/// <summary>
/// Compares an environment's live <c>$metadata</c> with the schema the maps were compiled with, map by map, limited to
/// what the generated code uses: its entity sets, the properties of its entity classes (columns and lookups, and through
/// lookups the looked-up rows' key columns), the keys that address rows, and the enum members of its columns. A
/// difference in a column no map uses is reported as information only.
/// </summary>
public static class SchemaDrift
{
    /// <summary>The differences that concern <paramref name="maps"/> on one side, in map order.</summary>
    public static IReadOnlyList<PreflightFinding> Check(IEnumerable<IDualWriteMap> maps, Side side, EnvironmentSchema compiled, EnvironmentSchema live)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(live);
        var findings = new List<PreflightFinding>();
        foreach (var map in maps)
        {
            var descriptor = side == Side.Fo ? map.Fo : map.Dataverse;
            new MapDrift(map.Name, side, compiled, live, findings).Check(descriptor);
        }

        return findings;
    }
}
