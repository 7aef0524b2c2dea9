using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Writes;

namespace DualWrite.Runtime.OData.Dataverse;

/// <summary>
/// How Dataverse rows are named: by alternate key in URLs and <c>@odata.bind</c>, a lookup inside a key by the
/// looked-up row's id (<c>_msdyn_company_value=&lt;id&gt;</c>, found from that row's own alternate key), and by
/// <c>_x_value</c> ids in filters. Every looked-up row is read once per transaction; a missing one fails the record's
/// write there and then, so the engine parks that record instead of a whole changeset failing at commit.
/// </summary>
internal sealed class DataverseAddresses
{
    private const int MaxIdsPerFilter = 50;
    private readonly DataverseEnvironment _environment;

    public DataverseAddresses(DataverseEnvironment environment) => _environment = environment;

    private EnvironmentSchema Schema => _environment.Schema;

    private Uri Root => _environment.Options.Root;

    public async Task<string?> KeyFilterAsync(ReadScope scope, TableSchema table, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
    {
        if (keyPaths.Count != keyValues.Count || keyPaths.Count == 0)
        {
            throw new ArgumentException($"{keyPaths.Count} key paths and {keyValues.Count} key values do not identify a {table.Name} row.");
        }

        var clauses = new List<string>();
        for (var i = 0; i < keyPaths.Count; i++)
        {
            var clause = await PathFilterAsync(scope, table, keyPaths[i].Segments, 0, keyValues[i], cancellationToken).ConfigureAwait(false);
            if (clause is null)
            {
                return null;
            }

            clauses.Add(clause);
        }

        return string.Join(" and ", clauses);
    }

    public async Task<WriteOperation> CreateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, object entity, string? origin, CancellationToken cancellationToken)
    {
        var company = await OwningCompanyAsync(scope, table, descriptor, entity, cancellationToken).ConfigureAwait(false);
        var key = await AlternateKeyAsync(scope, table, descriptor, entity, company, cancellationToken).ConfigureAwait(false);
        var url = key is null ? new Uri(Root, Uri.EscapeDataString(table.Name)) : RowUrl(table, key);

        // By alternate key, a create is an upsert refused when the row exists (If-None-Match: *), so it never overwrites
        // a row someone else created meanwhile; without one it is a POST.
        var operation = new WriteOperation(WriteKind.Create, table.Name, key is null ? "POST" : "PATCH", url)
        {
            RowUrl = key is null ? null : url,
            Image = ODataEnvironment.ImageOf(descriptor, entity),
            Origin = origin,
        };
        if (key is not null)
        {
            operation.Headers["If-None-Match"] = "*";
        }

        operation.Headers["Prefer"] = "return=representation";
        await AddBodyAsync(scope, operation, table, descriptor, entity, descriptor.Properties, company, skipNulls: true, cancellationToken).ConfigureAwait(false);
        return operation;
    }

    public async Task<WriteOperation> UpdateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, object entity, IReadOnlyCollection<string> properties, string? origin, CancellationToken cancellationToken)
    {
        var company = await OwningCompanyAsync(scope, table, descriptor, entity, cancellationToken).ConfigureAwait(false);
        var url = await WriteUrlAsync(scope, table, descriptor, row, company, cancellationToken).ConfigureAwait(false);
        var operation = new WriteOperation(WriteKind.Update, table.Name, "PATCH", url)
        {
            RowUrl = url,
            RowKey = row.RowKey,
            Image = ODataEnvironment.ImageOf(descriptor, entity),
            Origin = origin,
        };

        // Update-only: the row must still be the version read (or, when no version is known, still exist).
        operation.Headers["If-Match"] = row.ETag ?? "*";
        operation.Headers["Prefer"] = "return=representation";
        var selected = descriptor.Properties.Where(p => properties.Contains(p.Name)).ToList();
        await AddBodyAsync(scope, operation, table, descriptor, entity, selected, company, skipNulls: false, cancellationToken).ConfigureAwait(false);
        return operation;
    }

    public async Task<WriteOperation> DeleteAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, string? origin, CancellationToken cancellationToken)
    {
        var company = row.Entity is null ? null : await OwningCompanyAsync(scope, table, descriptor, row.Entity, cancellationToken).ConfigureAwait(false);
        var url = await WriteUrlAsync(scope, table, descriptor, row, company, cancellationToken).ConfigureAwait(false);
        var operation = new WriteOperation(WriteKind.Delete, table.Name, "DELETE", url)
        {
            RowUrl = url,
            RowKey = row.RowKey,
            Image = row.Entity is null ? Payloads.ODataRow.NewProperties() : ODataEnvironment.ImageOf(descriptor, row.Entity),
            Origin = origin,
        };
        if (row.ETag is not null)
        {
            operation.Headers["If-Match"] = row.ETag;
        }

        return operation;
    }

    public WriteOperation CreateCompany(TableSchema table, string code)
    {
        var codeColumn = table.GetColumn(DataverseCompany.CodeColumn);
        var url = RowUrl(table, $"{DataverseCompany.CodeColumn}={ODataValues.UriLiteral(code, codeColumn)}");
        var operation = new WriteOperation(WriteKind.Create, table.Name, "PATCH", url) { RowUrl = url };
        operation.Headers["If-None-Match"] = "*";
        operation.Properties.Add(new(codeColumn.Name, code));
        if (table.FindColumn("cdm_name") is { } name)
        {
            operation.Properties.Add(new(name.Name, code));
        }

        return operation;
    }

    /// <summary>A looked-up row by its id, or null.</summary>
    public async Task<ODataRow?> RowByIdAsync(ReadScope scope, TableSchema table, object id, CancellationToken cancellationToken)
    {
        var path = $"{Uri.EscapeDataString(table.Name)}({ODataValues.UriLiteral(id, table.FindColumn(table.PrimaryKey[0]))})";
        if (!scope.Rows.TryGetValue(path, out var row))
        {
            var url = new Uri(Root, $"{path}?$select={string.Join(",", table.Columns.Select(c => c.Name))}");
            row = await _environment.Service.ReadRowAsync(url, table.Name, cancellationToken).ConfigureAwait(false);
            scope.Rows[path] = row;
        }

        return row;
    }

    /// <summary>The lookup object of a looked-up row: its key columns, and the lookups inside its key.</summary>
    public async Task<object> ReferenceAsync(ReadScope scope, IEntityDescriptor descriptor, TableSchema table, IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken)
    {
        var keyColumns = KeysOf(table).SelectMany(k => k).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } nested)
            {
                if (table.FindLookup(property.Name) is { } lookup && keyColumns.Contains(lookup.ValueColumn)
                    && row.TryGetValue(lookup.ValueColumn, out var id) && id is not null)
                {
                    var target = Schema.GetTable(lookup.TargetTable);
                    if (await RowByIdAsync(scope, target, id, cancellationToken).ConfigureAwait(false) is { } nestedRow)
                    {
                        property.SetValue(entity, await ReferenceAsync(scope, nested, target, nestedRow.Properties, cancellationToken).ConfigureAwait(false));
                    }
                }
            }
            else if (keyColumns.Contains(property.Name) && row.TryGetValue(property.Name, out var value))
            {
                property.SetValue(entity, ODataValues.ToClr(value, property.ClrType));
            }
        }

        return entity;
    }

    private static IReadOnlyList<IReadOnlyList<string>> KeysOf(TableSchema table) =>
        table.AlternateKeys.Count > 0 ? table.AlternateKeys : new[] { table.PrimaryKey };

    private Uri RowUrl(TableSchema table, string key) => new(Root, RowPath(table, key));

    private static string RowPath(TableSchema table, string key) => $"{Uri.EscapeDataString(table.Name)}({key})";

    private async ValueTask<Uri> WriteUrlAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, OwningCompany? company, CancellationToken cancellationToken)
    {
        if (row.Entity is not null && await AlternateKeyAsync(scope, table, descriptor, row.Entity, company, cancellationToken).ConfigureAwait(false) is { } key)
        {
            return RowUrl(table, key);
        }

        return row.Url;
    }

    private async Task AddBodyAsync(ReadScope scope, WriteOperation operation, TableSchema table, IEntityDescriptor descriptor, object entity, IEnumerable<IEntityProperty> properties, OwningCompany? company, bool skipNulls, CancellationToken cancellationToken)
    {
        HashSet<string>? cleared = null;
        foreach (var property in properties)
        {
            var value = property.GetValue(entity);
            if (property.Reference is { } reference)
            {
                var lookup = table.GetLookup(property.Name);
                if (value is null || EntityPaths.IsEmpty(reference, value))
                {
                    // A polymorphic lookup is one column behind several navigation properties: it is cleared only when
                    // none of them names a row, and then through this one.
                    if (!skipNulls && !NamesAnotherTarget(table, descriptor, entity, lookup, property) && (cleared ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(lookup.ValueColumn))
                    {
                        operation.Clears.Add(new(property.Name, lookup.ValueColumn));
                    }

                    continue;
                }

                var (id, url) = await ResolveAsync(scope, table, lookup, reference, value, company, cancellationToken).ConfigureAwait(false);
                operation.Binds.Add(new(property.Name, url));
                operation.BoundIds.Add(new(lookup.ValueColumn, id));
            }
            else
            {
                if (value is null && skipNulls)
                {
                    continue;
                }

                var column = table.GetColumn(property.Name);
                operation.Properties.Add(new(column.Name, ODataValues.ToOData(value, table, column)));
            }
        }
    }

    private static bool NamesAnotherTarget(TableSchema table, IEntityDescriptor descriptor, object entity, LookupSchema lookup, IEntityProperty property) =>
        lookup.IsPolymorphic && descriptor.Properties.Any(other => other != property && other.Reference is { } reference
            && table.FindLookup(other.Name) is { } sibling && string.Equals(sibling.ValueColumn, lookup.ValueColumn, StringComparison.OrdinalIgnoreCase)
            && other.GetValue(entity) is { } value && !EntityPaths.IsEmpty(reference, value));

    private async ValueTask<OwningCompany?> OwningCompanyAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, object entity, CancellationToken cancellationToken)
    {
        if (table.FindLookup(DataverseCompany.Lookup) is not { } lookup
            || EntityPaths.Property(descriptor, lookup.Name) is not { Reference: { } reference } property
            || property.GetValue(entity) is not { } value || EntityPaths.IsEmpty(reference, value))
        {
            return null;
        }

        var (id, url) = await ResolveAsync(scope, table, lookup, reference, value, company: null, cancellationToken).ConfigureAwait(false);
        return new OwningCompany(lookup, value, id, url);
    }

    /// <summary>
    /// The alternate key segment (<c>accountnumber='A1',_msdyn_company_value=&lt;id&gt;</c>) of the first alternate key the
    /// entity sets completely; the company part of a key comes from the record's own company when its lookup object
    /// does not name one, as dual-write binds it.
    /// </summary>
    private async ValueTask<string?> AlternateKeyAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, object entity, OwningCompany? company, CancellationToken cancellationToken)
    {
        foreach (var key in table.AlternateKeys)
        {
            var parts = new List<string>();
            foreach (var column in key)
            {
                var lookup = NamingLookup(table, descriptor, entity, column);
                if (lookup is not null)
                {
                    var property = EntityPaths.Property(descriptor, lookup.Name)!;
                    var (id, _) = await ResolveAsync(scope, table, lookup, property.Reference!, property.GetValue(entity)!, company, cancellationToken).ConfigureAwait(false);
                    parts.Add($"{column}={ODataValues.UriLiteral(id, null)}");
                }
                else if (string.Equals(column, DataverseCompany.ValueColumn, StringComparison.OrdinalIgnoreCase) && company is { } owner)
                {
                    parts.Add($"{column}={ODataValues.UriLiteral(owner.Id, null)}");
                }
                else if (EntityPaths.Property(descriptor, column) is { Reference: null } plain && plain.GetValue(entity) is { } value)
                {
                    parts.Add($"{column}={ODataValues.UriLiteral(value, table.GetColumn(column))}");
                }
                else
                {
                    break;
                }
            }

            if (parts.Count == key.Count)
            {
                return string.Join(",", parts);
            }
        }

        return null;
    }

    // The lookup behind the column whose property on the entity names a row. An index loop, not LINQ: each part of each
    // key of each queued write asks, and a predicate capturing the entity would allocate each time.
    private static LookupSchema? NamingLookup(TableSchema table, IEntityDescriptor descriptor, object entity, string column)
    {
        var lookups = table.Lookups;
        for (var i = 0; i < lookups.Count; i++)
        {
            var lookup = lookups[i];
            if (string.Equals(lookup.ValueColumn, column, StringComparison.OrdinalIgnoreCase)
                && EntityPaths.Property(descriptor, lookup.Name) is { Reference: { } reference } property && property.GetValue(entity) is { } value && !EntityPaths.IsEmpty(reference, value))
            {
                return lookup;
            }
        }

        return null;
    }

    /// <summary>
    /// The id and alternate-key URL of the row a lookup object names; fails the write when there is none. The write's
    /// owning company, resolved first, is not resolved again: its lookup names it in the row's alternate key and in the
    /// body too, and a company's row is keyed by its code alone (a target keyed by a company would be keyed again).
    /// </summary>
    private async ValueTask<(object Id, Uri Url)> ResolveAsync(ReadScope scope, TableSchema table, LookupSchema lookup, IEntityDescriptor reference, object value, OwningCompany? company, CancellationToken cancellationToken)
    {
        var target = Schema.GetTable(lookup.TargetTable);
        if (company is { } owner && ReferenceEquals(owner.Lookup, lookup) && ReferenceEquals(owner.Value, value) && !KeyedByCompany(target))
        {
            return (owner.Id, owner.Url);
        }

        var key = await AlternateKeyAsync(scope, target, reference, value, company, cancellationToken).ConfigureAwait(false)
            ?? throw new EnvironmentWriteException($"Lookup '{lookup.Name}' of {table.Name} has no target: the {target.Name} row is not identified: no alternate key of it is set completely.");
        var path = RowPath(target, key);
        if (!scope.Targets.TryGetValue(path, out var found))
        {
            var url = new Uri(Root, path);
            var row = await _environment.Service.ReadRowAsync(new Uri(url.AbsoluteUri + "?$select=" + target.PrimaryKey[0]), target.Name, cancellationToken).ConfigureAwait(false);
            found = (row?[target.PrimaryKey[0]], url);
            scope.Targets[path] = found;
        }

        return found.Id is { } id
            ? (id, found.Url)
            : throw new EnvironmentWriteException($"Lookup '{lookup.Name}' of {table.Name} has no target: no {target.Name} row with {Uri.UnescapeDataString(key)}.");
    }

    private static bool KeyedByCompany(TableSchema table)
    {
        foreach (var key in table.AlternateKeys)
        {
            foreach (var column in key)
            {
                if (string.Equals(column, DataverseCompany.ValueColumn, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async ValueTask<string?> PathFilterAsync(ReadScope scope, TableSchema table, IReadOnlyList<string> segments, int index, object? value, CancellationToken cancellationToken)
    {
        if (index == segments.Count - 1)
        {
            var column = table.GetColumn(segments[index]);
            return value is null ? $"{column.Name} eq null" : $"{column.Name} eq {ODataValues.UriLiteral(value, column)}";
        }

        var lookup = table.GetLookup(segments[index]);
        var target = Schema.GetTable(lookup.TargetTable);
        var inner = await PathFilterAsync(scope, target, segments, index + 1, value, cancellationToken).ConfigureAwait(false);
        if (inner is null)
        {
            return null;
        }

        // Found by what the query asks, without building it: each find of a pass asks for the same few looked-up rows.
        if (!scope.IdFilters.TryGetValue((lookup.ValueColumn, target.Name, inner), out var clause))
        {
            var url = new Uri(Root, $"{Uri.EscapeDataString(target.Name)}?$select={target.PrimaryKey[0]}&$filter={inner}&$top={MaxIdsPerFilter}");
            var found = new List<object>();
            await foreach (var page in _environment.Service.ReadFeedAsync(url, target.Name, headers: null, cancellationToken).ConfigureAwait(false))
            {
                found.AddRange(page.Rows.Select(r => r[target.PrimaryKey[0]]).OfType<object>());
                break;
            }

            clause = found.Count == 0 ? null : "(" + string.Join(" or ", found.Select(id => $"{lookup.ValueColumn} eq {ODataValues.UriLiteral(id, null)}")) + ")";
            scope.IdFilters[(lookup.ValueColumn, target.Name, inner)] = clause;
        }

        return clause;
    }

    /// <summary>The company that owns a write's row: its lookup, the lookup object that names it, and what it resolved to.</summary>
    private readonly record struct OwningCompany(LookupSchema Lookup, object Value, object Id, Uri Url);
}
