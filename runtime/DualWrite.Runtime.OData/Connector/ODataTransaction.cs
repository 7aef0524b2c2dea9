using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Writes;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>
/// A transaction against an OData service. Reads go to the service at once; writes are checked (lookup targets exist,
/// values fit) and queued, and the transaction's own reads see them. <see cref="Commit"/> sends them as <c>$batch</c>
/// changesets, then files them in the journal with their origin so the connector recognises them when the service's
/// feed reports them back. The service holds no lock for the transaction: a row changed by someone else between the
/// read and the commit fails its update's <c>If-Match</c> ETag, and with it the changeset.
/// </summary>
internal sealed class ODataTransaction : IEnvironmentTransaction
{
    private readonly ODataEnvironment _environment;
    private readonly ReadScope _scope = new();
    private readonly List<WriteOperation> _operations = new();
    private readonly KeyedRows _pending = new(lastWins: true);
    private readonly KeyedRows _found = new(lastWins: false);

    // Rows read ahead by Prefetch, by RowPrefetch.KeyText; null where the service had none. The transaction's own writes
    // (_pending) are looked at first, so a write to a prefetched key is seen without touching this.
    private readonly Dictionary<string, LocatedRow?> _prefetched = new(StringComparer.Ordinal);
    private string? _origin;
    private bool _committed;

    public ODataTransaction(ODataEnvironment environment, string? origin)
    {
        _environment = environment;
        _origin = origin;
    }

    public T Materialize<T>(EntityDescriptor<T> descriptor, ChangeRecord change)
        where T : class
    {
        var table = _environment.Schema.GetTable(change.EntitySet);
        var image = RowImage.Read(change.Image);
        return (T)ODataEnvironment.Run(() => _environment.ToEntityAsync(_scope, descriptor, table, image, lenient: change.Operation == ChangeOperation.Delete));
    }

    public T? Find<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        return Locate(table, descriptor, keyPaths, keyValues)?.Entity as T;
    }

    public bool ReadsAhead => _environment.Options.PrefetchKeysPerQuery > 0;

    /// <summary>Reads the keys' rows for the finds that follow; what an earlier call read is dropped, so a long pass holds one page of rows.</summary>
    public void Prefetch<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys)
        where T : class
    {
        _prefetched.Clear();
        if (!ReadsAhead)
        {
            return;
        }

        var table = _environment.Schema.GetTable(descriptor);
        var wanted = new Dictionary<string, IReadOnlyList<object?>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.Count != keyPaths.Count)
            {
                throw new ArgumentException($"{keyPaths.Count} key paths and {key.Count} key values do not identify a {table.Name} row.", nameof(keys));
            }

            wanted.TryAdd(RowPrefetch.KeyText(table, keyPaths, key), key);
        }

        if (wanted.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var (text, row) in ODataEnvironment.Run(() => RowPrefetch.ReadAsync(_environment, _scope, table, descriptor, keyPaths, wanted)))
            {
                _prefetched[text] = row;
            }
        }
        catch (Exception exception) when (exception is ODataServiceException or EnvironmentWriteException)
        {
            // Reading ahead only saves round trips: a service that refuses the query (a 4xx reads as EnvironmentWriteException)
            // still answers each find.
            Http.Log.PrefetchRefused(_environment.Logger, table.Name, wanted.Count, exception.Message);
        }
    }

    public IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        return ODataEnvironment.Run(async () =>
        {
            var rows = new List<T>();
            await foreach (var page in _environment.Service.ReadFeedAsync(_environment.SetUrl(table, filter: null), table.Name, delta: false, headers: null, CancellationToken.None).ConfigureAwait(false))
            {
                foreach (var row in page.Rows)
                {
                    rows.Add((T)await _environment.ToEntityAsync(_scope, descriptor, table, row.Properties, lenient: false).ConfigureAwait(false));
                }
            }

            return rows;
        });
    }

    public void Insert<T>(EntityDescriptor<T> descriptor, T entity)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var operation = ODataEnvironment.Run(() => _environment.CreateAsync(_scope, table, descriptor, entity, _origin));
        _operations.Add(operation);
        var url = operation.RowUrl;
        _pending.Add(new KnownRow(table, descriptor, entity, Deleted: false, url is null ? null : new LocatedRow(url, url, null, operation.RowKey, entity)));
    }

    public void Update<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var row = Locate(table, descriptor, keyPaths, keyValues)
            ?? throw new EnvironmentWriteException($"{table.Name} has no row with {EntityPaths.Describe(keyPaths, keyValues)} to update.");
        if (properties.Count == 0)
        {
            return;
        }

        var operation = ODataEnvironment.Run(() => _environment.UpdateAsync(_scope, table, descriptor, row, entity, properties, _origin));
        _operations.Add(operation);

        // The update changes the row's version: a later write in this transaction cannot know the new ETag.
        _pending.Add(new KnownRow(table, descriptor, entity, Deleted: false, row with { ETag = null, Entity = entity }));
    }

    public bool Delete<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var row = Locate(table, descriptor, keyPaths, keyValues);
        if (row is null)
        {
            return false;
        }

        var operation = ODataEnvironment.Run(() => _environment.DeleteAsync(_scope, table, descriptor, row, _origin));
        _operations.Add(operation);
        _pending.Add(new KnownRow(table, descriptor, row.Entity!, Deleted: true, row));
        return true;
    }

    public void SetOrigin(string? origin) => _origin = origin;

    public void Commit()
    {
        if (_committed)
        {
            throw new InvalidOperationException("The transaction was committed already.");
        }

        _committed = true;
        if (_operations.Count == 0)
        {
            return;
        }

        ODataEnvironment.Run(() => _environment.Sender.SendAsync(_operations, CancellationToken.None));
        JournalOwnWrites();
    }

    public void Dispose()
    {
        // Queued writes that were not committed were never sent: there is nothing to roll back.
        _operations.Clear();
        _pending.Clear();
        _prefetched.Clear();
    }

    private void JournalOwnWrites()
    {
        using var batch = _environment.Journal.Begin();
        var now = DateTimeOffset.UtcNow;
        foreach (var operation in _operations)
        {
            var table = _environment.Schema.GetTable(operation.EntitySet);
            var returned = operation.Returned;
            var rowKey = returned is not null && table.PrimaryKey.All(returned.Properties.ContainsKey)
                ? _environment.RowKeyOf(table, returned.Properties)
                : operation.RowKey ?? _environment.RowKeyFromEntityId(operation.EntityIdHeader);
            var image = operation.Image;
            if (returned is not null)
            {
                foreach (var column in table.PrimaryKey.Where(returned.Properties.ContainsKey))
                {
                    image[column] = returned[column];
                }
            }

            var imageText = RowImage.Write(image);
            if (rowKey is not null)
            {
                var row = returned?.Properties ?? Updated(batch, table.Name, rowKey, operation);
                var fingerprint = row is null ? null : _environment.Fingerprint(table, row);
                batch.Remember(table.Name, rowKey, returned?.ETag ?? operation.ETag, fingerprint, row is null ? imageText : RowImage.Write(row), operation.Kind == WriteKind.Delete);
            }

            batch.Append(table.Name, operation.JournalOperation, rowKey ?? "[]", imageText, operation.Origin, now);
        }

        batch.Commit();
    }

    /// <summary>
    /// The row an update without a returned body (F&amp;O answers a PATCH with 204) leaves: the row as the journal last knew
    /// it with the written values over it. Its fingerprint lets the poll that reads it back recognise the write.
    /// </summary>
    private static Dictionary<string, object?>? Updated(JournalBatch batch, string entitySet, string rowKey, WriteOperation operation)
    {
        if (operation.Kind != WriteKind.Update || batch.Known(entitySet, rowKey) is not { Deleted: false } known)
        {
            return null;
        }

        var row = RowImage.Read(known.Image);
        foreach (var (name, value) in operation.Properties)
        {
            row[name] = ODataValues.FromOData(value);
        }

        return row;
    }

    /// <summary>The row the key paths name: as this transaction left it, or as the service has it.</summary>
    private LocatedRow? Locate(TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
    {
        if (_pending.Find(table, keyPaths, keyValues) is { } pending)
        {
            if (pending.Deleted)
            {
                return null;
            }

            return pending.Location
                ?? throw new NotSupportedException($"A {table.Name} row created in this transaction without an alternate key cannot be written again before the transaction commits.");
        }

        if (_prefetched.Count > 0 && _prefetched.TryGetValue(RowPrefetch.KeyText(table, keyPaths, keyValues), out var prefetched))
        {
            return prefetched;
        }

        if (_found.Find(table, keyPaths, keyValues) is { } found)
        {
            return found.Location;
        }

        var located = ODataEnvironment.Run(async () =>
        {
            var filter = await _environment.KeyFilterAsync(_scope, table, descriptor, keyPaths, keyValues).ConfigureAwait(false);
            if (filter is null)
            {
                return null;
            }

            ODataRow? first = null;
            await foreach (var page in _environment.Service.ReadFeedAsync(_environment.SetUrl(table, filter, top: 2), table.Name, delta: false, headers: null, CancellationToken.None).ConfigureAwait(false))
            {
                first ??= page.Rows.FirstOrDefault();
                break;
            }

            if (first is null)
            {
                return null;
            }

            var entity = await _environment.ToEntityAsync(_scope, descriptor, table, first.Properties, lenient: false).ConfigureAwait(false);
            return _environment.Located(table, first, entity);
        });

        if (located is not null)
        {
            _found.Add(new KnownRow(table, descriptor, located.Entity!, Deleted: false, located));
        }

        return located;
    }

}
