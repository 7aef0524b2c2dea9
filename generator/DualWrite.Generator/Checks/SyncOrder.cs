using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Checks;

/// <summary>A map in the initial-sync graph, with the positions needed to report cycles.</summary>
internal sealed record MapOrderNode(string Name, SourceLocation NameLocation, EquatableArray<OrderEdge> Edges);

/// <summary>"<see cref="MapOrderNode.Name"/> goes after <see cref="Target"/>", from <c>after</c> or from a lookup.</summary>
internal sealed record OrderEdge(string Target, bool IsLookup, SourceLocation Location);

/// <summary>
/// The initial-sync order (DSL.md §4 "Order"): dependencies first, declaration order otherwise. A cycle
/// through <c>after</c> is an error; a cycle made only of lookups is information, since the runtime syncs it in
/// two passes (rows first, then the cyclic lookups).
/// </summary>
internal static class SyncOrder
{
    /// <summary>Map names in a valid initial-sync order; edges that close a cycle are ignored.</summary>
    public static EquatableArray<string> Order(IReadOnlyList<(string Name, IReadOnlyList<string> DependsOn)> maps)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < maps.Count; i++)
        {
            if (!index.ContainsKey(maps[i].Name))
            {
                index.Add(maps[i].Name, i);
            }
        }

        var state = new byte[maps.Count];
        var order = new List<string>();
        for (var i = 0; i < maps.Count; i++)
        {
            Visit(i);
        }

        return order.ToEquatableArray();

        void Visit(int i)
        {
            if (state[i] != 0)
            {
                return;
            }

            state[i] = 1;
            foreach (var dependency in maps[i].DependsOn)
            {
                if (index.TryGetValue(dependency, out var j) && state[j] == 0)
                {
                    Visit(j);
                }
            }

            state[i] = 2;
            order.Add(maps[i].Name);
        }
    }

    /// <summary>
    /// DW0016 for every elementary cycle found, once per set of maps, each with the node whose text it points at
    /// (a node's positions may count from its own declaration's start, to be put back where it stands).
    /// </summary>
    public static List<(MapOrderNode Owner, DiagnosticInfo Diagnostic)> CheckCycles(IReadOnlyList<MapOrderNode> nodes)
    {
        var byName = new Dictionary<string, MapOrderNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!byName.ContainsKey(node.Name))
            {
                byName.Add(node.Name, node);
            }
        }

        var diagnostics = new List<(MapOrderNode Owner, DiagnosticInfo Diagnostic)>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<(MapOrderNode Node, OrderEdge? Via)>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in byName.Values)
        {
            Walk(node, null);
        }

        return diagnostics;

        void Walk(MapOrderNode node, OrderEdge? via)
        {
            if (onPath.Contains(node.Name))
            {
                Report(node.Name, via!);
                return;
            }

            if (done.Contains(node.Name))
            {
                return;
            }

            onPath.Add(node.Name);
            path.Add((node, via));
            foreach (var edge in node.Edges)
            {
                if (byName.TryGetValue(edge.Target, out var next))
                {
                    Walk(next, edge);
                }
            }

            path.RemoveAt(path.Count - 1);
            onPath.Remove(node.Name);
            done.Add(node.Name);
        }

        void Report(string start, OrderEdge closing)
        {
            var from = path.FindIndex(p => p.Node.Name == start);
            var members = path.Skip(from).ToList();
            var edges = members.Skip(1).Select(m => m.Via!).Append(closing).ToList();
            var key = string.Join("|", members.Select(m => m.Node.Name).OrderBy(n => n, StringComparer.Ordinal));
            if (!reported.Add(key))
            {
                return;
            }

            var names = string.Join(" -> ", members.Select(m => m.Node.Name).Append(start));
            // Edge i leaves member i: the closing edge leaves the last one.
            var afterEdge = edges.FindIndex(e => !e.IsLookup);
            if (afterEdge >= 0)
            {
                diagnostics.Add((members[afterEdge].Node, DiagnosticInfo.Create(DiagnosticDescriptors.SyncOrderCycle, edges[afterEdge].Location,
                    $"The initial-sync order has a cycle through 'after': {names}; remove one of these 'after' clauses.")));
            }
            else
            {
                var message = members.Count == 1
                    ? $"Map '{start}' looks up its own table; initial sync runs it in two passes (rows first, then these lookups)."
                    : $"Maps {names} look each other up; initial sync runs them in two passes (rows first, then these lookups).";
                diagnostics.Add((members[0].Node, DiagnosticInfo.Create(DiagnosticDescriptors.SyncOrderCycle, members[0].Node.NameLocation, message) with
                {
                    Severity = DiagnosticSeverity.Info,
                }));
            }
        }
    }
}
