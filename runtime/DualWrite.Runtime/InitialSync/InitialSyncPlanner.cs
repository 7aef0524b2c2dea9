using System;
using System.Collections.Generic;
using System.Linq;

namespace DualWrite.Runtime.InitialSync;

/// <summary>
/// Orders maps for an initial sync. Dependencies come from <see cref="IDualWriteMap.DependsOn"/>; the compiler refuses
/// cycles through <c>after</c>, so every cycle found here is made of lookups and runs in two passes.
/// </summary>
internal sealed class InitialSyncPlanner
{
    private readonly IReadOnlyList<IDualWriteMap> _maps;
    private readonly Dictionary<string, int> _component = new(StringComparer.Ordinal);
    private readonly HashSet<int> _cyclic = new();

    public InitialSyncPlanner(IReadOnlyList<IDualWriteMap> maps)
    {
        _maps = maps;
        FindComponents();
    }

    public InitialSyncPlan Plan(IEnumerable<string>? order, IEnumerable<string>? skip)
    {
        var names = _maps.Select(m => m.Name).ToList();
        var ordered = order is null ? names : Resolve(order, "order");
        var skipped = skip is null ? new List<string>() : Resolve(skip, "skip list");
        if (order is not null)
        {
            var missing = names.Where(n => !ordered.Contains(n, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InitialSyncPlanException($"The order leaves out {Quote(missing)}; name every map once (skip a map to leave it out of the sync).");
            }

            var duplicate = ordered.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InitialSyncPlanException($"The order names '{duplicate.Key}' more than once.");
            }
        }

        var position = ordered.Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index, StringComparer.Ordinal);
        foreach (var map in _maps)
        {
            foreach (var dependency in Dependencies(map))
            {
                if (_component[dependency] != _component[map.Name] && position[dependency] > position[map.Name])
                {
                    throw new InitialSyncPlanException(
                        $"'{map.Name}' cannot run before '{dependency}': it depends on it (an 'after' clause or a lookup to its table), so '{dependency}' must come first.");
                }
            }
        }

        var steps = new List<InitialSyncStep>();
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var name in ordered)
        {
            var component = _component[name];
            if (!_cyclic.Contains(component))
            {
                steps.Add(new InitialSyncStep(name, InitialSyncPass.All, skipped.Contains(name, StringComparer.Ordinal)));
                continue;
            }

            steps.Add(new InitialSyncStep(name, InitialSyncPass.Rows, skipped.Contains(name, StringComparer.Ordinal)));
            var members = ordered.Where(n => _component[n] == component).ToList();
            if (string.Equals(members[^1], name, StringComparison.Ordinal))
            {
                // The cyclic lookups go after the cycle's last map: only then does every row they may point to exist.
                steps.AddRange(members.Select(m => new InitialSyncStep(m, InitialSyncPass.CyclicLookups, skipped.Contains(m, StringComparer.Ordinal))));
                cycles.Add(members);
            }
        }

        return new InitialSyncPlan(ordered, skipped, steps, cycles);
    }

    /// <summary>
    /// The Dataverse lookups of a map that close a cycle: lookups to the table of a map in the same cycle (the map's own
    /// table included, for a self-reference). They are left out of the first pass.
    /// </summary>
    public IReadOnlyCollection<string> CyclicLookups(IDualWriteMap map)
    {
        var component = _component[map.Name];
        if (!_cyclic.Contains(component))
        {
            return Array.Empty<string>();
        }

        var cycleTables = _maps.Where(m => _component[m.Name] == component).Select(m => m.Dataverse.SchemaType).ToHashSet(StringComparer.Ordinal);
        return map.Dataverse.Properties
            .Where(p => p.Reference is { } reference && cycleTables.Contains(reference.SchemaType))
            .Select(p => p.Name)
            .ToList();
    }

    private List<string> Resolve(IEnumerable<string> given, string what)
    {
        var resolved = new List<string>();
        foreach (var name in given)
        {
            var map = _maps.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InitialSyncPlanException($"The {what} names '{name}', which is not one of the maps ({Quote(_maps.Select(m => m.Name))}).");
            resolved.Add(map.Name);
        }

        return resolved;
    }

    // Dependencies on maps outside the set (a host that runs some maps only) cannot be honored here and are left out.
    private IEnumerable<string> Dependencies(IDualWriteMap map) => map.DependsOn.Where(d => _component.ContainsKey(d));

    /// <summary>Tarjan's strongly connected components over the dependency edges.</summary>
    private void FindComponents()
    {
        foreach (var map in _maps)
        {
            _component[map.Name] = -1;
        }

        var byName = _maps.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var next = 0;
        var components = 0;

        void Visit(string name)
        {
            index[name] = low[name] = next++;
            stack.Push(name);
            onStack.Add(name);
            foreach (var dependency in Dependencies(byName[name]))
            {
                if (!index.ContainsKey(dependency))
                {
                    Visit(dependency);
                    low[name] = Math.Min(low[name], low[dependency]);
                }
                else if (onStack.Contains(dependency))
                {
                    low[name] = Math.Min(low[name], index[dependency]);
                }
            }

            if (low[name] == index[name])
            {
                var members = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    _component[member] = components;
                    members.Add(member);
                }
                while (!string.Equals(member, name, StringComparison.Ordinal));

                if (members.Count > 1 || byName[name].DependsOn.Contains(name, StringComparer.Ordinal))
                {
                    _cyclic.Add(components);
                }

                components++;
            }
        }

        foreach (var map in _maps)
        {
            if (!index.ContainsKey(map.Name))
            {
                Visit(map.Name);
            }
        }
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
