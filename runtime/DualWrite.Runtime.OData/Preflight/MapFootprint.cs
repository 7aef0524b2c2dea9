using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>A table a map touches on one side, and the columns it uses there.</summary>
/// <param name="Table">The table, as compiled.</param>
/// <param name="Columns">The columns the map reads or writes (a lookup by its value column).</param>
/// <param name="LookedUp">True for a table the map only binds lookups to; false for the map's own table.</param>
internal sealed record TableUse(TableSchema Table, IReadOnlySet<string> Columns, bool LookedUp)
{
    /// <summary>The alternate keys made of columns the map uses: those it addresses or binds rows by.</summary>
    public IEnumerable<IReadOnlyList<string>> UsedKeys => Table.AlternateKeys.Where(key => key.All(Columns.Contains));
}

/// <summary>What a map touches on one side: its own table first, then each table its lookups bind.</summary>
internal static class MapFootprint
{
    public static IReadOnlyList<TableUse> Of(IEntityDescriptor descriptor, EnvironmentSchema compiled)
    {
        var table = (descriptor.EntitySet is { } set ? compiled.FindTable(set) : null) ?? compiled.FindTableOfType(descriptor.SchemaType);
        if (table is null)
        {
            // Not the schema the maps were compiled with: the drift check says so.
            return Array.Empty<TableUse>();
        }

        var uses = new List<TableUse> { new(table, Columns(descriptor, table), LookedUp: false) };
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } reference && table.FindLookup(property.Name) is { } lookup && compiled.FindTable(lookup.TargetTable) is { } target)
            {
                uses.Add(new TableUse(target, Columns(reference, target), LookedUp: true));
            }
        }

        return uses;
    }

    private static HashSet<string> Columns(IEntityDescriptor descriptor, TableSchema table)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in descriptor.Properties)
        {
            if (table.FindLookup(property.Name) is { } lookup)
            {
                columns.Add(lookup.ValueColumn);
            }
            else if (table.FindColumn(property.Name) is { } column)
            {
                columns.Add(column.Name);
            }
        }

        return columns;
    }
}
