using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>The checks of one Dataverse table a map touches, against the table's definition; each finding names the map.</summary>
internal sealed class TableCheck
{
    private readonly IDualWriteMap _map;
    private readonly TableUse _use;
    private readonly DataverseTableDefinition _definition;
    private readonly List<PreflightFinding> _findings;

    public TableCheck(IDualWriteMap map, TableUse use, DataverseTableDefinition definition, List<PreflightFinding> findings)
    {
        _map = map;
        _use = use;
        _definition = definition;
        _findings = findings;
    }

    private string Table => _use.Table.Name;

    /// <summary>The connector reads the table's changes with <c>Prefer: odata.track-changes</c>, which needs "Track changes" on.</summary>
    public void ChangeTracking()
    {
        if (!_definition.ChangeTrackingEnabled)
        {
            Add("change tracking", "enabled", "disabled", PreflightSeverity.Breaking,
                $"Change tracking is off on {_definition.LogicalName}: the connector cannot read the table's changes, so no pass of the map runs.",
                $"Turn on \"Track changes\" in the table's properties ({_definition.LogicalName}: ChangeTrackingEnabled), or leave {Table} out of the connector's TrackedEntitySets if no map reads its changes.");
        }
    }

    /// <summary>Rows are written and lookups bound by alternate key, which Dataverse resolves only once the key's index is active.</summary>
    public void KeyIndexes()
    {
        foreach (var key in _use.UsedKeys)
        {
            if (_definition.FindKey(key) is not { } live || string.Equals(live.IndexStatus, "Active", StringComparison.Ordinal))
            {
                continue;
            }

            var name = "key(" + string.Join(", ", key) + ")";
            var failed = string.Equals(live.IndexStatus, "Failed", StringComparison.Ordinal);
            Add(name, "Active", live.IndexStatus, PreflightSeverity.Breaking,
                $"The index of alternate key {live.LogicalName} on {_definition.LogicalName} is {live.IndexStatus}: rows {(_use.LookedUp ? "bound" : "addressed")} by {name} are not found until it is active.",
                failed
                    ? $"The index job failed (often on rows with duplicate key values): remove the duplicates in {Table}, then reactivate the key (the table's Keys page, or the ReactivateEntityKey action)."
                    : "Wait for Dataverse's index job to make the key active (large tables take a while), then run the check again.");
        }
    }

    /// <summary>What the map does to the table needs privileges; a missing one is refused (403, 0x80040220) on the first request.</summary>
    public void Privileges(IReadOnlyDictionary<Guid, string> held)
    {
        foreach (var type in Needed())
        {
            if (!_definition.Privileges.TryGetValue(type, out var privilege))
            {
                continue;
            }

            var field = "privilege " + type;
            if (!held.TryGetValue(privilege.Id, out var depth))
            {
                Add(field, "Global", "none", PreflightSeverity.Breaking,
                    $"The application user lacks {privilege.Name} ({type} on {_definition.LogicalName}), which the map needs: Dataverse refuses those requests with 403.",
                    $"Give the application user a security role with {type} on {_definition.LogicalName} at Organization level (Power Platform admin center: the environment's application users, Edit security roles).");
            }
            else if (!string.Equals(depth, "Global", StringComparison.OrdinalIgnoreCase))
            {
                Add(field, "Global", depth, PreflightSeverity.Warning,
                    $"The application user holds {privilege.Name} at {depth} depth only: it reaches the rows {(depth == "Basic" ? "it owns" : "of its business unit")}, not every row the map syncs.",
                    $"Raise {type} on {_definition.LogicalName} to Organization level in the application user's security role.");
            }
        }
    }

    private IEnumerable<string> Needed()
    {
        var writes = _map.Direction is SyncDirection.Both or SyncDirection.ToDataverse;
        yield return "Read";
        if (!writes)
        {
            yield break;
        }

        if (_use.LookedUp)
        {
            yield return "AppendTo";
            yield break;
        }

        yield return "Create";
        yield return "Write";
        if (_map.Deletes == DeletePolicy.Sync)
        {
            yield return "Delete";
        }

        if (_use.Table.Lookups.Any(l => _use.Columns.Contains(l.ValueColumn)))
        {
            yield return "Append";
        }
    }

    private void Add(string field, string expected, string live, PreflightSeverity severity, string problem, string fix) =>
        _findings.Add(new PreflightFinding(_map.Name, Side.Dataverse, Table, field, expected, live, severity, problem, fix));
}
