using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Preflight;

/// <summary>The drift of one map on one side: its entity class's table, and the tables its lookups reach.</summary>
internal sealed class MapDrift
{
    internal const string Repull = "recompile the maps against the live $metadata (dualwrite schema pull)";

    private readonly string _map;
    private readonly Side _side;
    private readonly EnvironmentSchema _compiled;
    private readonly EnvironmentSchema _live;
    private readonly List<PreflightFinding> _findings;
    private readonly HashSet<(string Table, Type Class)> _visited = new();

    public MapDrift(string map, Side side, EnvironmentSchema compiled, EnvironmentSchema live, List<PreflightFinding> findings)
    {
        _map = map;
        _side = side;
        _compiled = compiled;
        _live = live;
        _findings = findings;
    }

    public void Check(IEntityDescriptor descriptor)
    {
        var compiledTable = (descriptor.EntitySet is { } set ? _compiled.FindTable(set) : null) ?? _compiled.FindTableOfType(descriptor.SchemaType);
        if (compiledTable is null)
        {
            Add(descriptor.EntitySet ?? descriptor.SchemaType, null, null, null, PreflightSeverity.Breaking,
                $"The compiled {_side} schema has no entity set for {descriptor.SchemaType}: it is not the schema the maps were compiled with.",
                "Pass the schema file the maps project declares (its schema statement).");
            return;
        }

        CheckTable(descriptor, compiledTable, prefix: string.Empty, lookedUp: false);
    }

    private void CheckTable(IEntityDescriptor descriptor, TableSchema compiledTable, string prefix, bool lookedUp)
    {
        if (!_visited.Add((compiledTable.Name, descriptor.ClrType)))
        {
            return;
        }

        var liveTable = _live.FindTable(compiledTable.Name);
        if (liveTable is null)
        {
            Add(compiledTable.Name, prefix.Length == 0 ? null : prefix.TrimEnd('.'), compiledTable.EntityType, null, PreflightSeverity.Breaking,
                $"The entity set {compiledTable.Name} is gone from the live $metadata.",
                $"Restore the entity set {compiledTable.Name} in the environment (or enable its entity), or remove map {_map} and {Repull}.");
            return;
        }

        // A looked-up row is bound by its keys alone; its class may hold more columns, which other maps use.
        var keyColumns = compiledTable.AlternateKeys.SelectMany(k => k).Concat(compiledTable.PrimaryKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in descriptor.Properties)
        {
            if (lookedUp && !keyColumns.Contains(compiledTable.FindLookup(property.Name)?.ValueColumn ?? property.Name))
            {
                continue;
            }

            if (property.Reference is { } reference)
            {
                CheckLookup(compiledTable, liveTable, property, reference, prefix, used);
            }
            else if (compiledTable.FindColumn(property.Name) is { } column)
            {
                used.Add(column.Name);
                ColumnDrift.Check(this, compiledTable.Name, prefix + column.Name, column, liveTable.FindColumn(column.Name), used: true);
            }
        }

        CheckKeys(compiledTable, liveTable, used, prefix);
        if (!lookedUp)
        {
            foreach (var column in compiledTable.Columns.Where(c => !used.Contains(c.Name)))
            {
                ColumnDrift.Check(this, compiledTable.Name, prefix + column.Name, column, liveTable.FindColumn(column.Name), used: false);
            }
        }
    }

    private void CheckLookup(TableSchema compiledTable, TableSchema liveTable, IEntityProperty property, IEntityDescriptor reference, string prefix, HashSet<string> used)
    {
        var field = prefix + property.Name;
        if (compiledTable.FindLookup(property.Name) is not { } compiledLookup)
        {
            return;
        }

        used.Add(compiledLookup.ValueColumn);
        var liveLookup = liveTable.FindLookup(property.Name);
        if (liveLookup is null)
        {
            Add(compiledTable.Name, field, Describe(compiledLookup), null, PreflightSeverity.Breaking,
                $"The lookup {property.Name} of {compiledTable.Name} is gone from the live $metadata.",
                $"Restore the relationship behind {property.Name} on {compiledTable.Name}, or remove the field from map {_map} and {Repull}.");
            return;
        }

        if (!string.Equals(compiledLookup.TargetTable, liveLookup.TargetTable, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(compiledLookup.ValueColumn, liveLookup.ValueColumn, StringComparison.OrdinalIgnoreCase))
        {
            Add(compiledTable.Name, field, Describe(compiledLookup), Describe(liveLookup), PreflightSeverity.Breaking,
                $"The lookup {property.Name} of {compiledTable.Name} now points elsewhere.",
                $"Point {property.Name} back at {compiledLookup.TargetTable}, or {Repull} and bind the field to the new target.");
            return;
        }

        if (_compiled.FindTable(compiledLookup.TargetTable) is { } target)
        {
            // The looked-up row is bound by its own key columns (an alternate key on Dataverse), which the lookup's class holds.
            CheckTable(reference, target, field + ".", lookedUp: true);
        }
    }

    private void CheckKeys(TableSchema compiledTable, TableSchema liveTable, HashSet<string> used, string prefix)
    {
        if (!SameColumns(compiledTable.PrimaryKey, liveTable.PrimaryKey))
        {
            Add(compiledTable.Name, prefix + KeyName(compiledTable.PrimaryKey), KeyName(compiledTable.PrimaryKey), KeyName(liveTable.PrimaryKey), PreflightSeverity.Breaking,
                $"The entity key of {compiledTable.Name} changed: rows are addressed by it.",
                $"Restore the key of {compiledTable.Name}, or {Repull} and change the key of map {_map} to match.");
        }

        foreach (var key in compiledTable.AlternateKeys)
        {
            if (liveTable.AlternateKeys.Any(live => SameColumns(key, live)))
            {
                continue;
            }

            var usedKey = key.All(used.Contains);
            var liveKeys = liveTable.AlternateKeys.Count == 0 ? "none" : string.Join("; ", liveTable.AlternateKeys.Select(KeyName));
            Add(compiledTable.Name, prefix + KeyName(key), KeyName(key), liveKeys, usedKey ? PreflightSeverity.Breaking : PreflightSeverity.Info,
                usedKey
                    ? $"The alternate key {KeyName(key)} of {compiledTable.Name}, which addresses the map's rows, is gone from the live $metadata."
                    : $"The alternate key {KeyName(key)} of {compiledTable.Name} is gone; the map does not use it.",
                usedKey
                    ? $"Restore the alternate key on {compiledTable.Name} and wait for its index to be active, or change the key of map {_map} to a live key and {Repull}."
                    : "Nothing to do for the maps; the next schema pull takes the change in.");
        }
    }

    internal void Add(string entitySet, string? field, string? compiled, string? live, PreflightSeverity severity, string problem, string fix) =>
        _findings.Add(new PreflightFinding(_map, _side, entitySet, field, compiled, live, severity, problem, fix));

    internal string Map => _map;

    private static bool SameColumns(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        first.Count == second.Count && first.All(c => second.Contains(c, StringComparer.OrdinalIgnoreCase));

    private static string KeyName(IReadOnlyList<string> columns) => "key(" + string.Join(", ", columns) + ")";

    private static string Describe(LookupSchema lookup) => $"lookup {lookup.ValueColumn} -> {lookup.TargetTable}";
}
