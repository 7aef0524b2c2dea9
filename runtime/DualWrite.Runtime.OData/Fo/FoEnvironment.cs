using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Writes;

namespace DualWrite.Runtime.OData.Fo;

/// <summary>
/// A Finance and Operations environment over OData (<c>/data/</c>). Rows are named by their entity key, which carries
/// <c>dataAreaId</c>; reads ask for <c>cross-company=true</c> so every linked company is seen. Creates are POSTs,
/// updates PATCHes with <c>If-Match</c>, deletes DELETEs, sent as <c>$batch</c> changesets. F&amp;O has no change
/// tracking over OData: changes are polled by the modified-time field <see cref="FoConnectorOptions.ModifiedFields"/>
/// names (docs/real-environments.md says what polling cannot see).
/// </summary>
public sealed class FoEnvironment : ODataEnvironment
{
    private readonly FoConnectorOptions _options;
    private readonly IReadOnlyList<TableSchema> _tracked;

    private FoEnvironment(FoConnectorOptions options)
        : base(Side.Fo, options)
    {
        _options = options;
        foreach (var (set, field) in options.ModifiedFields)
        {
            if (Schema.GetTable(set).FindColumn(field) is null)
            {
                throw new ArgumentException($"The F&O schema's {set} has no field '{field}' to poll for changes.");
            }
        }

        _tracked = Schema.Tables.Where(t => options.ModifiedFields.ContainsKey(t.Name)).ToList();
    }

    internal override IReadOnlyList<TableSchema> TrackedTables => _tracked;

    /// <summary>Connects to the environment; the journal file is created when missing.</summary>
    public static FoEnvironment Open(FoConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FoEnvironment(options);
    }

    /// <summary>Nothing to do: legal entities are F&amp;O's own.</summary>
    public override ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken) => default;

    internal override string ReadQuerySuffix(string separator) => separator + "cross-company=true";

    internal override IReadOnlyCollection<string> VolatileColumns(TableSchema table) =>
        _options.ModifiedFields.TryGetValue(table.Name, out var field) ? new[] { field } : Array.Empty<string>();

    internal override string? RowKeyFromEntityId(string? entityId) => null;

    internal override async Task PollAsync(FeedRead feed, CancellationToken cancellationToken)
    {
        var table = feed.Table;
        var field = table.GetColumn(_options.ModifiedFields[table.Name]).Name;
        var position = feed.From;
        var watermark = position is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(position, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var filter = watermark is { } since ? $"{field} ge {ODataValues.UriLiteral(since - _options.PollOverlap, null)}" : null;
        var latest = watermark;
        await foreach (var page in Service.ReadFeedAsync(SetUrl(table, filter, orderBy: field), table.Name, headers: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                var modified = row[field] as DateTimeOffset?;
                if (modified is { } stamp && (latest is null || stamp > latest))
                {
                    latest = stamp;
                }

                if (position is null)
                {
                    // The first poll reads the state the link starts from: remembered, not changes.
                    await feed.BaselineAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await feed.RowAsync(row, modified ?? DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (_options.DetectDeletes && position is not null)
        {
            feed.DeleteMissing(await PresentKeysAsync(table, cancellationToken).ConfigureAwait(false));
        }

        // An empty entity set starts from now, minus the overlap the next poll adds anyway.
        feed.MoveTo((latest ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
    }

    internal override Task<string?> KeyFilterAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
    {
        if (keyPaths.Count != keyValues.Count || keyPaths.Count == 0)
        {
            throw new ArgumentException($"{keyPaths.Count} key paths and {keyValues.Count} key values do not identify a {table.Name} row.");
        }

        var clauses = keyPaths.Select((path, i) =>
        {
            var column = table.GetColumn(path.ThroughLookup ? throw new NotSupportedException($"F&O key path '{path}' goes through a lookup; F&O entities are keyed by their own fields.") : path.Column);
            return keyValues[i] is null ? $"{column.Name} eq null" : $"{column.Name} eq {ODataValues.UriLiteral(keyValues[i], column)}";
        });
        return Task.FromResult<string?>(string.Join(" and ", clauses));
    }

    internal override Task<WriteOperation> CreateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, object entity, string? origin, CancellationToken cancellationToken)
    {
        var values = ValuesOf(table, descriptor, entity);
        var key = KeyOf(table, values);
        var operation = new WriteOperation(WriteKind.Create, table.Name, "POST", new Uri(Options.Root, Uri.EscapeDataString(table.Name)))
        {
            RowUrl = key is null ? null : PrimaryKeyUrl(table, values, forRead: true),
            RowKey = key,
            Image = ODataEnvironment.ImageOf(descriptor, entity),
            Origin = origin,
        };
        AddBody(operation, table, descriptor, entity, descriptor.Properties, skipNulls: true);
        return Task.FromResult(operation);
    }

    internal override Task<WriteOperation> UpdateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, object entity, IReadOnlyCollection<string> properties, string? origin, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation(WriteKind.Update, table.Name, "PATCH", row.Url)
        {
            RowUrl = row.ReadUrl,
            RowKey = row.RowKey,
            Image = ODataEnvironment.ImageOf(descriptor, entity),
            Origin = origin,
        };
        operation.Headers["If-Match"] = row.ETag ?? "*";
        AddBody(operation, table, descriptor, entity, descriptor.Properties.Where(p => properties.Contains(p.Name)), skipNulls: false);
        return Task.FromResult(operation);
    }

    internal override Task<WriteOperation> DeleteAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, string? origin, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation(WriteKind.Delete, table.Name, "DELETE", row.Url)
        {
            RowUrl = row.ReadUrl,
            RowKey = row.RowKey,
            Image = row.Entity is null ? ODataRow.NewProperties() : ODataEnvironment.ImageOf(descriptor, row.Entity),
            Origin = origin,
        };
        if (row.ETag is not null)
        {
            operation.Headers["If-Match"] = row.ETag;
        }

        return Task.FromResult(operation);
    }

    private protected override Task<object?> ReadLookupAsync(ReadScope scope, TableSchema table, IEntityProperty property, IReadOnlyDictionary<string, object?> row, bool lenient, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{table.Name}.{property.Name}: F&O data entities expose related rows by their key fields, not lookups; map the key fields.");

    // The keys the service still has: a row the journal knows but the service lacks was deleted.
    private async Task<HashSet<string>> PresentKeysAsync(TableSchema table, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var url = new Uri(Options.Root, $"{Uri.EscapeDataString(table.Name)}?$select={string.Join(",", table.PrimaryKey)}" + ReadQuerySuffix("&"));
        await foreach (var page in Service.ReadFeedAsync(url, table.Name, headers: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                present.Add(RowKeyOf(table, row.Properties));
            }
        }

        return present;
    }

    private static Dictionary<string, object?> ValuesOf(TableSchema table, IEntityDescriptor descriptor, object entity)
    {
        var values = ODataRow.NewProperties();
        foreach (var property in descriptor.Properties.Where(p => p.Reference is null))
        {
            values[table.GetColumn(property.Name).Name] = property.GetValue(entity);
        }

        return values;
    }

    private string? KeyOf(TableSchema table, Dictionary<string, object?> values) =>
        table.PrimaryKey.All(c => values.TryGetValue(c, out var v) && v is not null) ? RowKeyOf(table, values) : null;

    private static void AddBody(WriteOperation operation, TableSchema table, IEntityDescriptor descriptor, object entity, IEnumerable<IEntityProperty> properties, bool skipNulls)
    {
        foreach (var property in properties)
        {
            if (property.Reference is not null)
            {
                throw new NotSupportedException($"{table.Name}.{property.Name}: F&O data entities are written by their key fields, not lookups.");
            }

            var value = property.GetValue(entity);
            if (value is null && skipNulls)
            {
                continue;
            }

            var column = table.GetColumn(property.Name);
            operation.Properties.Add(new(column.Name, ODataValues.ToOData(value, table, column)));
        }
    }
}
