using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// Binding lookups: an entity's lookup objects (the looked-up rows' key values) become the looked-up rows' ids, tried
/// by each key of the target, with the owning company completing a company-specific key.
/// </summary>
internal sealed partial class EmbeddedTransaction
{
    private List<(string Column, object Value)> CollectColumns(IEntityDescriptor descriptor, object entity, TableSchema table, IEnumerable<IEntityProperty> properties, OwningCompany? company, bool skipNulls)
    {
        var columns = new List<(string Column, object Value)>();
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            if (property.Reference is not null)
            {
                var lookup = table.GetLookup(property.Name);
                if (!written.Add(lookup.ValueColumn))
                {
                    continue;
                }

                // Every target of a polymorphic lookup is tried in the class's order; the first with a matching row binds.
                var candidates = lookup.IsPolymorphic
                    ? descriptor.Properties.Where(p => p.Reference is not null && table.FindLookup(p.Name)?.ValueColumn == lookup.ValueColumn).ToList()
                    : new List<IEntityProperty> { property };
                // The owning company was bound from this very lookup a moment ago.
                var id = company?.BoundFrom is { } bound && ReferenceEquals(bound, lookup)
                    ? company.Id
                    : BindLookup(table, lookup, candidates, entity, company);
                if (id is null && skipNulls)
                {
                    continue;
                }

                columns.Add((lookup.ValueColumn, id ?? DBNull.Value));
            }
            else
            {
                var column = table.GetColumn(property.Name);
                var value = property.GetValue(entity);
                if ((value is null && skipNulls) || !written.Add(column.Name))
                {
                    continue;
                }

                columns.Add((column.Name, SqliteValues.ToStorage(value, table, column)));
            }
        }

        return columns;
    }

    private object? BindLookup(TableSchema table, LookupSchema lookup, IReadOnlyList<IEntityProperty> candidates, object entity, OwningCompany? company)
    {
        var misses = new List<string>();
        foreach (var candidate in candidates)
        {
            var reference = candidate.GetValue(entity);
            if (reference is null || IsEmpty(candidate.Reference!, reference))
            {
                continue;
            }

            var target = _schema.GetTable(table.GetLookup(candidate.Name).TargetTable);
            var (id, miss) = FindReferenced(target, candidate.Reference!, reference, company);
            if (id is not null)
            {
                return id;
            }

            misses.Add(miss!);
        }

        return misses.Count == 0
            ? null
            : throw new EnvironmentWriteException($"Lookup '{lookup.Name}' of {table.Name} has no target: {string.Join("; ", misses)}.", WriteRefusal.MissingLookup);
    }

    private (object? Id, string? Miss) FindReferenced(TableSchema target, IEntityDescriptor descriptor, object reference, OwningCompany? company)
    {
        foreach (var key in KeysOf(target))
        {
            var conditions = new List<(string Column, object Value)>();
            var texts = new List<string>();
            foreach (var column in key)
            {
                var nestedLookups = target.Lookups.Where(l => string.Equals(l.ValueColumn, column, StringComparison.OrdinalIgnoreCase)).ToList();
                if (nestedLookups.Count > 0)
                {
                    var nested = NestedReferenceId(target, descriptor, reference, nestedLookups, company, out var miss);
                    if (miss is not null)
                    {
                        return (null, miss);
                    }

                    if (nested is null)
                    {
                        break;
                    }

                    conditions.Add((nested.Value.Column, nested.Value.Value));
                    texts.Add(nested.Value.Text);
                }
                else
                {
                    var value = descriptor.Properties.FirstOrDefault(p => p.Reference is null && string.Equals(p.Name, column, StringComparison.OrdinalIgnoreCase))?.GetValue(reference);
                    if (value is null)
                    {
                        break;
                    }

                    var schemaColumn = target.GetColumn(column);
                    conditions.Add((schemaColumn.Name, SqliteValues.ToStorage(value, target, schemaColumn)));
                    texts.Add($"{schemaColumn.Name} = '{value}'");
                }
            }

            if (conditions.Count != key.Count)
            {
                continue;
            }

            return IdOf(target, conditions) is { } id ? (id, null) : (null, $"no {target.Name} row with {string.Join(" and ", texts)}");
        }

        return (null, $"the {target.Name} row is not identified: no alternate key of it is set completely");
    }

    /// <summary>
    /// The id (first primary-key column) of the row of <paramref name="target"/> whose columns hold these stored values,
    /// or null; read once per transaction until the table is written. The one lookup resolution: the engine binds
    /// lookups and key paths through it, and the local OData services their <c>@odata.bind</c> and reference checks.
    /// </summary>
    public object? IdOf(TableSchema target, IReadOnlyList<(string Column, object Value)> key)
    {
        // The columns and the values name the query, so a hit builds no SQL.
        var resolved = _lookups.ResolvedIn(target);
        var cacheKey = string.Join("\0", key.Select(c => c.Column)) + "\0\0" + string.Join("\0", key.Select(c => Convert.ToString(c.Value, CultureInfo.InvariantCulture)));
        if (!resolved.TryGetValue(cacheKey, out var id))
        {
            var command = new Statement();
            var where = string.Join(" AND ", key.Select(c => $"{SqliteLayout.Quote(c.Column)} = {command.Parameter(c.Value)}"));
            command.CommandText = $"SELECT {SqliteLayout.Quote(target.PrimaryKey[0])} FROM {SqliteLayout.Quote(target.Name)} WHERE {where} LIMIT 1";
            id = _statements.Prepare(command).ExecuteScalar() is { } found and not DBNull ? found : null;
            resolved.Add(cacheKey, id);
        }

        return id;
    }

    private (string Column, object Value, string Text)? NestedReferenceId(TableSchema target, IEntityDescriptor descriptor, object reference, IReadOnlyList<LookupSchema> lookups, OwningCompany? company, out string? miss)
    {
        miss = null;
        foreach (var lookup in lookups)
        {
            var property = descriptor.Properties.FirstOrDefault(p => p.Reference is not null && string.Equals(p.Name, lookup.Name, StringComparison.OrdinalIgnoreCase));
            if (property?.GetValue(reference) is { } nested && !IsEmpty(property.Reference!, nested))
            {
                var (id, nestedMiss) = FindReferenced(_schema.GetTable(lookup.TargetTable), property.Reference!, nested, company);
                if (id is null)
                {
                    miss = nestedMiss;
                    return null;
                }

                return (lookup.ValueColumn, id, $"{lookup.Name} = {id}");
            }
        }

        // The company part of a company-specific table's key comes from the record's own company, as @odata.bind does.
        if (company is not null && string.Equals(lookups[0].ValueColumn, DataverseCompany.ValueColumn, StringComparison.OrdinalIgnoreCase))
        {
            return (lookups[0].ValueColumn, company.Id, $"{DataverseCompany.Lookup} = '{company.Label}'");
        }

        return null;
    }

    private OwningCompany? FindOwningCompany(TableSchema table, IEntityDescriptor descriptor, object entity, IReadOnlyDictionary<string, object?>? existingRow)
    {
        if (table.FindLookup(DataverseCompany.Lookup) is not { } lookup)
        {
            return null;
        }

        var property = descriptor.Properties.FirstOrDefault(p => p.Reference is not null && string.Equals(p.Name, lookup.Name, StringComparison.OrdinalIgnoreCase));
        if (property?.GetValue(entity) is { } reference && !IsEmpty(property.Reference!, reference))
        {
            var id = BindLookup(table, lookup, new[] { property }, entity, company: null)!;
            var code = property.Reference!.Properties.FirstOrDefault(p => p.Name == DataverseCompany.CodeColumn)?.GetValue(reference);
            return new OwningCompany(id, Convert.ToString(code, CultureInfo.InvariantCulture) ?? id.ToString()!, lookup);
        }

        return existingRow is not null && existingRow.TryGetValue(lookup.ValueColumn, out var existing) && existing is not null
            ? new OwningCompany(existing, existing.ToString()!, BoundFrom: null)
            : null;
    }

    private static bool IsEmpty(IEntityDescriptor descriptor, object reference) => LookupReferences.NamesNoRow(descriptor, reference);

    /// <summary>The company that owns a Dataverse row; <paramref name="BoundFrom"/> is the lookup it was bound from, when the entity carried it.</summary>
    private sealed record OwningCompany(object Id, string Label, LookupSchema? BoundFrom);
}
