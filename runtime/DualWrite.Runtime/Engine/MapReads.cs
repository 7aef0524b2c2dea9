using System;
using System.Collections.Generic;
using DualWrite.Runtime.Engine.Scope;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// What the maps read of each table of a side, declared to the side's environment
/// (<see cref="IDualWriteEnvironment.DeclareReadProperties"/>) so that one whose feed reports the runtime's creates back
/// unmarked can tell them from edits. A map that syncs from the side reads every property of its entity class there:
/// its fields of both directions, its integration key and company, its lookups and its filter all live on that class,
/// and a change reaches the map only as an instance of it. A map that only writes the side reads nothing of it.
/// Worked out once per map, when the runtime is made.
/// </summary>
internal static class MapReads
{
    public static void Declare(IDualWriteEnvironment environment, IEnumerable<IDualWriteMap> maps)
    {
        var reads = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var map in maps)
        {
            var descriptor = environment.Side == Side.Fo ? map.Fo : map.Dataverse;
            var entitySet = descriptor.EntitySet;
            if (entitySet is null)
            {
                continue;
            }

            if (!reads.TryGetValue(entitySet, out var properties))
            {
                reads[entitySet] = properties = new HashSet<string>(StringComparer.Ordinal);
            }

            if (RecordScope.Flows(map, environment.Side))
            {
                foreach (var property in descriptor.Properties)
                {
                    properties.Add(property.Name);
                }
            }
        }

        foreach (var (entitySet, properties) in reads)
        {
            environment.DeclareReadProperties(entitySet, properties);
        }
    }
}
