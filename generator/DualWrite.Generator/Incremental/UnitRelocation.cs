using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Incremental;

/// <summary>Puts what bound declarations located (diagnostics, sync-order edges) back at their files' positions.</summary>
internal static class UnitRelocation
{
    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<BoundFile> units, ImmutableArray<FilePositions> files)
    {
        var byPath = FilePositions.ByPath(files);
        return units
            .SelectMany(unit => byPath.TryGetValue(unit.Path, out var file)
                ? unit.Diagnostics.Select(d => file.Relocate(d, unit.UnitIndex))
                : unit.Diagnostics)
            .ToEquatableArray();
    }

    public static List<MapOrderNode> OrderNodes(ImmutableArray<BoundFile> units, ImmutableArray<FilePositions> files)
    {
        var byPath = FilePositions.ByPath(files);
        var result = new List<MapOrderNode>();
        foreach (var unit in units)
        {
            if (!byPath.TryGetValue(unit.Path, out var file))
            {
                result.AddRange(unit.OrderNodes);
                continue;
            }

            result.AddRange(unit.OrderNodes.Select(node => new MapOrderNode(
                node.Name,
                file.Relocate(node.NameLocation, unit.UnitIndex),
                node.Edges.Select(e => e with { Location = file.Relocate(e.Location, unit.UnitIndex) }).ToEquatableArray())));
        }

        return result;
    }
}
