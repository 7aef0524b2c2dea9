using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Binding;

/// <summary>Builds the <c>DualWriteMaps</c> model: the compilation's maps in initial-sync order.</summary>
internal static class MapOrdering
{
    /// <summary>Null when there are no maps. The class goes into the maps' namespace when they share one, else the root namespace.</summary>
    public static DualWriteMapsModel? Build(IReadOnlyList<OrderedMap> maps, IReadOnlyList<NumbersModel> numbers, string? rootNamespace)
    {
        if (maps.Count == 0)
        {
            return null;
        }

        var order = SyncOrder.Order(maps.Select(m => (m.Name, (IReadOnlyList<string>)m.DependsOn)).ToList());
        var byName = new Dictionary<string, OrderedMap>(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            if (!byName.ContainsKey(map.Name))
            {
                byName.Add(map.Name, map);
            }
        }

        var namespaces = maps.Select(m => m.Namespace).Distinct(StringComparer.Ordinal).ToList();
        var @namespace = namespaces.Count == 1 ? namespaces[0] : rootNamespace ?? DeclarationIndex.DefaultNamespace;
        return new DualWriteMapsModel(@namespace, order.Select(n => byName[n]).ToEquatableArray(), numbers.ToEquatableArray());
    }
}
