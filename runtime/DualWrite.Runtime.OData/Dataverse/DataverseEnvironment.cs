using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Connector;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Writes;

namespace DualWrite.Runtime.OData.Dataverse;

/// <summary>
/// A Dataverse environment over the Web API (<c>/api/data/v9.2/</c>). Rows are written by alternate key
/// (<c>PATCH accounts(accountnumber='A1',_msdyn_company_value=…)</c>): a create with <c>If-None-Match: *</c>, an update
/// with <c>If-Match</c> (the ETag read, or <c>*</c>); lookups with <c>@odata.bind</c> to the looked-up row's alternate
/// key. Changes are read with <c>Prefer: odata.track-changes</c> and delta links.
/// </summary>
public sealed class DataverseEnvironment : ODataEnvironment
{
    private static readonly string[] Volatile = { "versionnumber", "modifiedon", "_modifiedby_value", "_modifiedonbehalfby_value" };
    private static readonly Dictionary<string, string> TrackChanges = new(StringComparer.OrdinalIgnoreCase) { ["Prefer"] = "odata.track-changes" };
    private readonly IReadOnlyList<TableSchema> _tracked;

    private DataverseEnvironment(DataverseConnectorOptions options)
        : base(Side.Dataverse, options, options.BulkChunkSize)
    {
        _tracked = options.TrackedEntitySets?.Select(Schema.GetTable).ToList() ?? Schema.Tables;
        Addresses = new DataverseAddresses(this);
    }

    internal override IReadOnlyList<TableSchema> TrackedTables => _tracked;

    private DataverseAddresses Addresses { get; }

    /// <summary>Connects to the environment; the journal file is created when missing.</summary>
    public static DataverseEnvironment Open(DataverseConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BulkChunkSize < 0)
        {
            throw new ArgumentException("BulkChunkSize must be 0 (no bulk messages) or positive.", nameof(options));
        }

        return new DataverseEnvironment(options);
    }

    /// <summary>Creates the legal entities' <c>cdm_companies</c> rows that are missing (create-only, by the company code key).</summary>
    public override async ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken)
    {
        if (companyCodes.Count == 0)
        {
            return;
        }

        var table = Schema.FindTable(DataverseCompany.Table)
            ?? throw new NotSupportedException($"The Dataverse schema has no '{DataverseCompany.Table}' table, so legal entities cannot be linked.");
        var operations = new List<WriteOperation>();
        foreach (var code in companyCodes.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var filter = $"{DataverseCompany.CodeColumn} eq {ODataValues.UriLiteral(code, table.GetColumn(DataverseCompany.CodeColumn))}";
            var exists = false;
            await foreach (var page in Service.ReadFeedAsync(SetUrl(table, filter, top: 1), table.Name, headers: null, cancellationToken).ConfigureAwait(false))
            {
                exists = page.Rows.Count > 0;
                break;
            }

            if (!exists)
            {
                operations.Add(Addresses.CreateCompany(table, code));
            }
        }

        await Sender.SendAsync(operations, cancellationToken).ConfigureAwait(false);
        if (operations.Find(o => o.Refusal is not null) is { } refused)
        {
            throw new EnvironmentWriteException($"Dataverse refused the {table.Name} row {refused.Url.PathAndQuery}: {refused.Refusal}");
        }
    }

    internal override string ReadQuerySuffix(string separator) => string.Empty;

    internal override IReadOnlyCollection<string> VolatileColumns(TableSchema table) => Volatile;

    internal override string? RowKeyFromEntityId(string? entityId)
    {
        if (entityId is null)
        {
            return null;
        }

        var open = entityId.LastIndexOf('(');
        var close = entityId.LastIndexOf(')');
        return open >= 0 && close > open && Guid.TryParse(entityId.AsSpan(open + 1, close - open - 1), out var id)
            ? Journal.RowImageKey(new[] { id.ToString("D") })
            : null;
    }

    internal override async Task PollAsync(FeedRead feed, CancellationToken cancellationToken)
    {
        var table = feed.Table;
        var position = feed.From;
        Uri? deltaLink = null;
        if (position is null)
        {
            // The first request opens change tracking: its rows are the state the link starts from, not changes.
            await foreach (var page in Service.ReadFeedAsync(SetUrl(table, filter: null), table.Name, TrackChanges, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.Rows)
                {
                    await feed.BaselineAsync(row, cancellationToken).ConfigureAwait(false);
                }

                deltaLink = page.DeltaLink ?? deltaLink;
            }
        }
        else
        {
            await foreach (var page in Service.ReadFeedAsync(new Uri(position), table.Name, TrackChanges, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.Rows)
                {
                    await feed.RowAsync(row, ChangedAt(row), cancellationToken).ConfigureAwait(false);
                }

                foreach (var id in page.DeletedIds)
                {
                    var idImage = RowImage.Write(new Dictionary<string, object?> { [table.PrimaryKey[0]] = id });
                    await feed.DeletedAsync(Journal.RowImageKey(new[] { id }), idImage, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
                }

                deltaLink = page.DeltaLink ?? deltaLink;
            }
        }

        if (deltaLink is null)
        {
            throw new NotSupportedException($"Dataverse answered the change-tracking read of {table.Name} without a delta link; turn on 'Track changes' for the table.");
        }

        feed.MoveTo(deltaLink.AbsoluteUri);
    }

    internal override Task<string?> KeyFilterAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken) =>
        Addresses.KeyFilterAsync(scope, table, keyPaths, keyValues, cancellationToken);

    internal override Task<WriteOperation> CreateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, object entity, string? origin, CancellationToken cancellationToken) =>
        Addresses.CreateAsync(scope, table, descriptor, entity, origin, cancellationToken);

    internal override Task<WriteOperation> UpdateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, object entity, IReadOnlyCollection<string> properties, string? origin, CancellationToken cancellationToken) =>
        Addresses.UpdateAsync(scope, table, descriptor, row, entity, properties, origin, cancellationToken);

    internal override Task<WriteOperation> DeleteAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, string? origin, CancellationToken cancellationToken) =>
        Addresses.DeleteAsync(scope, table, descriptor, row, origin, cancellationToken);

    private protected override async Task<object?> ReadLookupAsync(ReadScope scope, TableSchema table, IEntityProperty property, IReadOnlyDictionary<string, object?> row, bool lenient, CancellationToken cancellationToken)
    {
        var lookup = table.GetLookup(property.Name);
        if (!row.TryGetValue(lookup.ValueColumn, out var id) || id is null)
        {
            return null;
        }

        var target = Schema.GetTable(lookup.TargetTable);
        var targetRow = await Addresses.RowByIdAsync(scope, target, id, cancellationToken).ConfigureAwait(false);
        if (targetRow is null)
        {
            // A polymorphic lookup's value belongs to whichever of its tables holds that id.
            return lookup.IsPolymorphic || lenient
                ? null
                : throw new EnvironmentWriteException($"Lookup '{property.Name}' of {table.Name} points to {target.Name} row {id}, which does not exist.");
        }

        return await Addresses.ReferenceAsync(scope, property.Reference!, target, targetRow.Properties, cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset ChangedAt(ODataRow row) => row["modifiedon"] is DateTimeOffset moment ? moment : DateTimeOffset.UtcNow;
}
