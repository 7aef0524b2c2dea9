using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.Preflight;
using DualWrite.Runtime.OData.Http;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Metadata;
using DualWrite.Runtime.OData.Pacing;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// An environment reached over OData. Every call that reaches the service is asynchronous and carries the caller's token
/// to the HTTP request, so a stopping host cancels the request in flight. Changes are read from the service's feed into the
/// journal, which numbers them; a transaction queues its writes and sends them as <c>$batch</c> changesets on commit.
/// </summary>
public abstract class ODataEnvironment : IDualWriteEnvironment, ILiveSchemaSource
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _pollGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TableSchema, (string Name, string Column)[]> _fingerprintColumns = new();

    // The columns the maps read of each table (DeclareReadProperties), in the order a fingerprint takes them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TableSchema, (string Name, string Column)[]> _readColumns = new();
    private DateTimeOffset _lastPoll = DateTimeOffset.MinValue;

    /// <param name="side">Which side the environment is.</param>
    /// <param name="options">Where the service is and how to reach it.</param>
    /// <param name="bulkChunkSize">Targets per bulk message (Dataverse); 0 for a service without bulk messages.</param>
    private protected ODataEnvironment(Side side, ODataConnectorOptions options, int bulkChunkSize = 0)
    {
        options.Validate();
        Side = side;
        Options = options;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DualWrite.Runtime.OData");
        Model = ReadModel(options.SchemaPath);
        Schema = EnvironmentSchema.ReadFile(side, options.SchemaPath);

        Gate = new ServiceGate(options.Time, options.ServiceProtectionWindow);
        _http = ResilientHttpClient.Create(options, Gate, Logger);
        Service = new ODataService(_http, options.Root, Model, options.PageSize);
        var atomic = new AtomicSender(Service, Logger);
        var bulk = bulkChunkSize > 0 ? new BulkSender(Service, atomic, bulkChunkSize, Logger) : null;
        Sender = new CommitSender(new BatchSender(Service, atomic, options.MaxChangesetOperations), bulk, Gate, options.MaxParallelRequests, Logger);
        Journal = ChangeJournal.Open(options, side);
        EnvironmentId = options.EnvironmentId ?? $"{side.ToString().ToLowerInvariant()}:{options.Root.AbsoluteUri}";
    }

    /// <inheritdoc/>
    public Side Side { get; }

    /// <inheritdoc/>
    public string EnvironmentId { get; }

    /// <inheritdoc/>
    public EnvironmentSchema Schema { get; }

    internal ODataConnectorOptions Options { get; }

    /// <inheritdoc/>
    public Task<EnvironmentSchema> ReadLiveSchemaAsync(CancellationToken cancellationToken) =>
        LiveMetadata.ReadAsync(Side, Options.Root, Options.Tokens, cancellationToken);

    /// <inheritdoc/>
    public IEnvironmentPreflight? Preflight => OData.Preflight.ODataPreflight.For(this);

    internal ILogger Logger { get; }

    internal IEdmModel Model { get; }

    internal ODataService Service { get; }

    internal CommitSender Sender { get; }

    /// <summary>Paces every request to the service and holds them all after a refusal.</summary>
    internal ServiceGate Gate { get; }

    /// <summary>Writes the service refused at the last commit, answered when a pass queues them again.</summary>
    internal RefusedWrites Refusals { get; } = new();

    internal ChangeJournal Journal { get; }

    /// <summary>The entity sets whose changes the connector reads: every table of the schema unless narrowed.</summary>
    internal abstract IReadOnlyList<TableSchema> TrackedTables { get; }

    /// <summary>
    /// The journal (in the state store or a SQLite file) numbers the changes as they are read, keeps their earlier images,
    /// reads a page of them by origin and counts them in a query. Reading by page is what lets a live pass stop at
    /// <see cref="Engine.DualWriteRuntimeOptions.MaxChangesPerPass"/>: a whole range would hold a backlog's changes with
    /// their rows and writes until the pass commits; and a capped pass counts the rest of the backlog, which read to be
    /// counted would cost each pass the backlog again. Reads ahead when <see cref="ODataConnectorOptions.PrefetchKeysPerQuery"/>
    /// allows, and the services take concurrent writers (a changed row fails an update's ETag instead).
    /// </summary>
    public EnvironmentCapabilities Capabilities =>
        EnvironmentCapabilities.PreviousImages | EnvironmentCapabilities.ConcurrentWriters | EnvironmentCapabilities.ReadsByOrigin
        | EnvironmentCapabilities.NativeChangeCounts
        | (Options.PrefetchKeysPerQuery > 0 ? EnvironmentCapabilities.BatchFinds : EnvironmentCapabilities.None);

    /// <summary>
    /// Polls the service's changes into the journal (at most once per <see cref="ODataConnectorOptions.MinimumPollInterval"/>)
    /// and returns the journal's last sequence.
    /// </summary>
    public async ValueTask<long> GetHeadAsync(CancellationToken cancellationToken)
    {
        await _pollGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (DateTimeOffset.UtcNow - _lastPoll >= Options.MinimumPollInterval)
            {
                await PollAllAsync(cancellationToken).ConfigureAwait(false);
                _lastPoll = DateTimeOffset.UtcNow;
            }
        }
        finally
        {
            _pollGate.Release();
        }

        return await Journal.HeadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken) =>
        await Journal.ReadAsync(Schema.GetTable(entitySet).Name, afterSequence, throughSequence, origins, limit, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        await Journal.PreviousAsync(Schema.GetTable(entitySet).Name, rowKey, beforeSequence, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken) =>
        await Journal.CountAsync(Schema.GetTable(entitySet).Name, afterSequence, throughSequence, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken) =>
        new(new ODataTransaction(this, origin));

    /// <summary>
    /// Streams the rows in key order. The services sort by their own collations, which need not agree with
    /// <see cref="KeyOrder"/>, so the pages are put into that order on disk as they arrive (<see cref="InitialSync.KeyOrderScan"/>):
    /// memory is bounded by a page, not by the table.
    /// </summary>
    public IAsyncEnumerable<KeyedRow<T>> ReadInKeyOrderAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, CancellationToken cancellationToken)
        where T : class =>
        InitialSync.KeyOrderScan.ReadAsync(this, descriptor, keyPaths, after, cancellationToken);

    /// <summary>
    /// How many rows the entity set holds: <c>&lt;set&gt;/$count</c>, or, from a service that does not implement it (501),
    /// its keys counted page by page.
    /// </summary>
    public async ValueTask<long> CountRowsAsync(string entitySet, CancellationToken cancellationToken)
    {
        var table = Schema.GetTable(entitySet);
        try
        {
            return await Service.CountAsync(new Uri(Options.Root, Uri.EscapeDataString(table.Name) + "/$count" + ReadQuerySuffix("?")), cancellationToken).ConfigureAwait(false);
        }
        catch (ODataServiceException exception) when (exception.StatusCode == 501)
        {
            var url = new Uri(Options.Root, $"{Uri.EscapeDataString(table.Name)}?$select={string.Join(",", table.PrimaryKey)}" + ReadQuerySuffix("&"));
            var count = 0L;
            await foreach (var page in Service.ReadFeedAsync(url, table.Name, headers: null, cancellationToken).ConfigureAwait(false))
            {
                count += page.Rows.Count;
            }

            return count;
        }
    }

    /// <inheritdoc/>
    public abstract ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// A lookup is read by its <c>_x_value</c> column, which holds the id its bind resolved to. A table this schema lacks
    /// is never written by the connector, so there is nothing to declare of it.
    /// </remarks>
    public void DeclareReadProperties(string entitySet, IReadOnlyCollection<string> properties)
    {
        if (Schema.FindTable(entitySet) is not { } table)
        {
            return;
        }

        var columns = properties.Select(p => table.FindLookup(p)?.ValueColumn ?? table.FindColumn(p)?.Name ?? p).ToList();
        _readColumns.AddOrUpdate(
            table,
            _ => RowImage.FingerprintColumns(columns.Distinct(StringComparer.OrdinalIgnoreCase)),
            (_, declared) => RowImage.FingerprintColumns(declared.Select(c => c.Column).Concat(columns).Distinct(StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>The columns the maps read of the table, in fingerprint order; null when no runtime declared them.</summary>
    internal (string Name, string Column)[]? ReadColumns(TableSchema table) => _readColumns.TryGetValue(table, out var columns) ? columns : null;

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        Journal.Dispose();
        _pollGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Query options every read carries (F&amp;O: <c>cross-company=true</c>), after <paramref name="separator"/>.</summary>
    internal abstract string ReadQuerySuffix(string separator);

    /// <summary>Reads the table's feed from where <paramref name="feed"/> starts, into it.</summary>
    internal abstract Task PollAsync(FeedRead feed, CancellationToken cancellationToken);

    /// <summary>The row's primary key as the journal files it: a JSON array of the key values.</summary>
    internal string RowKeyOf(TableSchema table, IReadOnlyDictionary<string, object?> row) => Journal.RowImageKey(table.PrimaryKey, row);

    /// <summary>The row key named by an <c>OData-EntityId</c> header (<c>.../accounts(&lt;id&gt;)</c>), or null.</summary>
    internal abstract string? RowKeyFromEntityId(string? entityId);

    /// <summary>Columns that change with every write (version, modified time): left out of a row's fingerprint.</summary>
    internal abstract IReadOnlyCollection<string> VolatileColumns(TableSchema table);

    /// <summary>A fingerprint of a row's schema columns, to recognise a row the service sends again unchanged.</summary>
    internal string Fingerprint(TableSchema table, IReadOnlyDictionary<string, object?> row)
    {
        var columns = _fingerprintColumns.GetOrAdd(table, t =>
        {
            var volatileColumns = VolatileColumns(t);
            return RowImage.FingerprintColumns(t.Columns.Where(c => !volatileColumns.Contains(c.Name)).Select(c => c.Name));
        });
        return RowImage.Fingerprint(columns, row);
    }

    /// <summary>The <c>$filter</c> that finds rows whose key paths hold the values; null when no row can match (a looked-up row is missing).</summary>
    internal abstract Task<string?> KeyFilterAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken);

    internal abstract Task<WriteOperation> CreateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, object entity, string? origin, CancellationToken cancellationToken);

    internal abstract Task<WriteOperation> UpdateAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, object entity, IReadOnlyCollection<string> properties, string? origin, CancellationToken cancellationToken);

    internal abstract Task<WriteOperation> DeleteAsync(ReadScope scope, TableSchema table, IEntityDescriptor descriptor, LocatedRow row, string? origin, CancellationToken cancellationToken);

    /// <summary>A row the service sent, as a transaction's finds know it: its URLs, ETag and row key, and the entity.</summary>
    internal LocatedRow Located(TableSchema table, ODataRow row, object entity)
    {
        // Both URLs from one key path: a read-ahead locates every row of every query.
        var path = PrimaryKeyPath(table, row.Properties);
        var url = new Uri(Options.Root, path);
        var suffix = ReadQuerySuffix("?");
        return new(url, suffix.Length == 0 ? url : new Uri(Options.Root, path + suffix), row.ETag, RowKeyOf(table, row.Properties), entity);
    }

    /// <summary>The URL of a row the service sent, by its primary key.</summary>
    internal Uri PrimaryKeyUrl(TableSchema table, IReadOnlyDictionary<string, object?> row, bool forRead) =>
        new(Options.Root, PrimaryKeyPath(table, row) + (forRead ? ReadQuerySuffix("?") : string.Empty));

    private string PrimaryKeyPath(TableSchema table, IReadOnlyDictionary<string, object?> row)
    {
        var parts = table.PrimaryKey.Select(column => (column, row.TryGetValue(column, out var value) ? value : null)).ToList();
        var segment = parts.Count == 1 && Side == Side.Dataverse
            ? ODataValues.UriLiteral(parts[0].Item2, table.FindColumn(parts[0].column))
            : string.Join(",", parts.Select(p => p.column + "=" + ODataValues.UriLiteral(p.Item2, table.FindColumn(p.column))));
        return $"{Uri.EscapeDataString(table.Name)}({segment})";
    }

    /// <summary>The entity set's URL with the table's columns selected, a filter and the read options.</summary>
    internal Uri SetUrl(TableSchema table, string? filter, string? orderBy = null, int? top = null)
    {
        var query = new List<string> { "$select=" + string.Join(",", table.Columns.Select(c => c.Name)) };
        if (filter is not null)
        {
            query.Add("$filter=" + filter);
        }

        if (orderBy is not null)
        {
            query.Add("$orderby=" + orderBy);
        }

        if (top is { } count)
        {
            query.Add("$top=" + count.ToString(CultureInfo.InvariantCulture));
        }

        return new Uri(Options.Root, Uri.EscapeDataString(table.Name) + "?" + string.Join("&", query) + ReadQuerySuffix("&"));
    }

    /// <summary>An entity of the class from a row's values (as the service sent them or as the journal keeps them).</summary>
    internal async Task<object> ToEntityAsync(ReadScope scope, IEntityDescriptor descriptor, TableSchema table, IReadOnlyDictionary<string, object?> row, bool lenient, CancellationToken cancellationToken)
    {
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (property.Reference is { } reference)
            {
                if (row.TryGetValue(property.Name, out var nested) && nested is IReadOnlyDictionary<string, object?> keys)
                {
                    property.SetValue(entity, FromKeyImage(reference, keys));
                }
                else
                {
                    property.SetValue(entity, await ReadLookupAsync(scope, table, property, row, lenient, cancellationToken).ConfigureAwait(false));
                }
            }
            else
            {
                var column = table.GetColumn(property.Name);
                row.TryGetValue(column.Name, out var raw);
                property.SetValue(entity, ODataValues.ToClr(raw, property.ClrType));
            }
        }

        return entity;
    }

    /// <summary>The lookup object of a row's lookup column: the looked-up row's key values.</summary>
    private protected abstract Task<object?> ReadLookupAsync(ReadScope scope, TableSchema table, IEntityProperty property, IReadOnlyDictionary<string, object?> row, bool lenient, CancellationToken cancellationToken);

    /// <summary>The image of an entity as the journal keeps the connector's own writes: lookups as their key values.</summary>
    internal static Dictionary<string, object?> ImageOf(IEntityDescriptor descriptor, object entity)
    {
        var image = ODataRow.NewProperties();
        foreach (var property in descriptor.Properties)
        {
            var value = property.GetValue(entity);
            if (property.Reference is { } reference)
            {
                if (value is not null && !EntityPaths.IsEmpty(reference, value))
                {
                    image[property.Name] = ImageOf(reference, value);
                }
            }
            else
            {
                image[property.Name] = value;
            }
        }

        return image;
    }

    private static object FromKeyImage(IEntityDescriptor descriptor, IReadOnlyDictionary<string, object?> keys)
    {
        var entity = descriptor.CreateInstance();
        foreach (var property in descriptor.Properties)
        {
            if (!keys.TryGetValue(property.Name, out var value) || value is null)
            {
                continue;
            }

            property.SetValue(entity, property.Reference is { } nested && value is IReadOnlyDictionary<string, object?> inner
                ? FromKeyImage(nested, inner)
                : property.Reference is null ? ODataValues.ToClr(value, property.ClrType) : null);
        }

        return entity;
    }

    private async Task PollAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TrackedTables)
        {
            var feed = new FeedRead(this, table, await Journal.FeedPositionAsync(table.Name, cancellationToken).ConfigureAwait(false));
            await PollAsync(feed, cancellationToken).ConfigureAwait(false);
            await Journal.FileAsync(feed, moveFeed: true, cancellationToken).ConfigureAwait(false);
            Http.Log.ChangesRead(Logger, feed.Filed, table.Name);
        }
    }

    private static IEdmModel ReadModel(string path)
    {
        using var reader = XmlReader.Create(path);
        if (!CsdlReader.TryParse(reader, ignoreUnexpectedAttributesAndElements: true, out var model, out var errors))
        {
            throw new InvalidDataException($"'{path}' is not a CSDL document: {string.Join("; ", errors ?? Enumerable.Empty<Microsoft.OData.Edm.Validation.EdmError>())}");
        }

        return model;
    }
}

/// <summary>A row the transaction found: its URL for writes, its ETag for optimistic concurrency, and its values.</summary>
internal sealed record LocatedRow(Uri Url, Uri ReadUrl, string? ETag, string? RowKey, object? Entity);
