using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Incremental;

/// <summary>The sync-order nodes of one bound unit, positions counted from the unit's start.</summary>
internal sealed record UnitOrderNodes(string Path, int UnitIndex, EquatableArray<MapOrderNode> Nodes)
{
    public static UnitOrderNodes Of(BoundFile unit) => new(unit.Path, unit.UnitIndex, unit.OrderNodes);

    /// <summary>
    /// The cycles of the initial-sync order over every unit's nodes, each diagnostic given to the unit whose text it
    /// points at, so that it is put back at its place as that unit's own diagnostics are. The check sees no
    /// positions of files: text moving around the units does not run it again.
    /// </summary>
    public static EquatableArray<UnitDiagnostics> Cycles(ImmutableArray<UnitOrderNodes> units)
    {
        // The first node of a name, as the check keeps it.
        var owners = new Dictionary<string, UnitOrderNodes>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            foreach (var node in unit.Nodes)
            {
                if (!owners.ContainsKey(node.Name))
                {
                    owners.Add(node.Name, unit);
                }
            }
        }

        return SyncOrder.CheckCycles(units.SelectMany(u => u.Nodes).ToList())
            .Select(c => (Unit: owners[c.Owner.Name], c.Diagnostic))
            .Select(c => new UnitDiagnostics(c.Unit.Path, c.Unit.UnitIndex, EquatableArray.Create(c.Diagnostic)))
            .ToEquatableArray();
    }
}
