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
/// values fit) and queued, and the transaction's own reads see them. <see cref="CommitAsync"/> sends them as bulk messages or <c>$batch</c>
/// changesets, then files them in the journal with their origin so the connector recognises them when the service's
/// feed reports them back. A write the service refuses is isolated from the others (<see cref="CommitSender"/>); the others
/// stay applied and the commit fails naming it. The service holds no lock for the transaction: a row changed by someone else between the
/// read and the commit fails its update's <c>If-Match</c> ETag, and with it the changeset.
/// </summary>
internal sealed class ODataTransaction : IEnvironmentTransaction
{
    private readonly ODataEnvironment _environment;
    private readonly ReadScope _scope = new();
    private readonly List<WriteOperation> _operations = new();
    private readonly KeyedRows _pending = new(lastWins: true);
    private readonly KeyedRows _found = new(lastWins: false);

    // Rows read ahead by FindManyAsync, by RowPrefetch.KeyText; null where the service had none. The transaction's own writes
    // (_pending) are looked at first, so a write to a prefetched key is seen without touching this.
    private readonly Dictionary<string, LocatedRow?> _prefetched = new(StringComparer.Ordinal);
    private string? _origin;
    private bool _committed;

    public ODataTransaction(ODataEnvironment environment, string? origin)
    {
        _environment = environment;
        _origin = origin;
    }

    public async ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
        where T : class
    {
        var table = _environment.Schema.GetTable(change.EntitySet);
        var image = RowImage.Read(change.Image);
        return (T)await _environment.ToEntityAsync(_scope, descriptor, table, image, lenient: change.Operation == ChangeOperation.Delete, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        return (await LocateAsync(table, descriptor, keyPaths, keyValues, cancellationToken).ConfigureAwait(false))?.Entity as T;
    }

    /// <summary>
    /// Reads the keys' rows a chunk of keys per query (what an earlier call read is dropped, so a long pass holds one page
    /// of rows), then answers each key as a find does.
    /// </summary>
    public async ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
        where T : class
    {
        _prefetched.Clear();
        var table = _environment.Schema.GetTable(descriptor);
        var wanted = new Dictionary<string, IReadOnlyList<object?>>(StringComparer.Ordinal);
        var texts = new string[keys.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            var key = keys[i];
            if (key.Count != keyPaths.Count)
            {
                throw new ArgumentException($"{keyPaths.Count} key paths and {key.Count} key values do not identify a {table.Name} row.", nameof(keys));
            }

            texts[i] = RowPrefetch.KeyText(table, keyPaths, key);
            wanted.TryAdd(texts[i], key);
        }

        if (wanted.Count > 0 && _environment.Options.PrefetchKeysPerQuery > 0)
        {
            try
            {
                foreach (var (text, row) in await RowPrefetch.ReadAsync(_environment, _scope, table, descriptor, keyPaths, wanted, cancellationToken).ConfigureAwait(false))
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

        var rows = new T?[keys.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (await LocateAsync(table, descriptor, keyPaths, keys[i], texts[i], cancellationToken).ConfigureAwait(false))?.Entity as T;
        }

        return rows;
    }

    public async ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var rows = new List<T>();
        await foreach (var page in _environment.Service.ReadFeedAsync(_environment.SetUrl(table, filter: null), table.Name, headers: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                rows.Add((T)await _environment.ToEntityAsync(_scope, descriptor, table, row.Properties, lenient: false, cancellationToken).ConfigureAwait(false));
            }
        }

        return rows;
    }

    public async ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var operation = await _environment.CreateAsync(_scope, table, descriptor, entity, _origin, cancellationToken).ConfigureAwait(false);
        Queue(operation);
        var url = operation.RowUrl;
        _pending.Add(new KnownRow(table, descriptor, entity, Deleted: false, url is null ? null : new LocatedRow(url, url, null, operation.RowKey, entity)));
    }

    /// <exception cref="NotSupportedException">Always: the services tell a taken key only when the batch is sent, so the connector does not declare NativeTryInsert.</exception>
    public ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        where T : class =>
        throw new NotSupportedException("An OData transaction queues its writes until commit, so it cannot insert without looking first; it does not declare NativeTryInsert.");

    public async ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var row = await LocateAsync(table, descriptor, keyPaths, keyValues, cancellationToken).ConfigureAwait(false)
            ?? throw new EnvironmentWriteException($"{table.Name} has no row with {EntityPaths.Describe(keyPaths, keyValues)} to update.");
        if (properties.Count == 0)
        {
            return;
        }

        var operation = await _environment.UpdateAsync(_scope, table, descriptor, row, entity, properties, _origin, cancellationToken).ConfigureAwait(false);
        Queue(operation);

        // The update changes the row's version: a later write in this transaction cannot know the new ETag.
        _pending.Add(new KnownRow(table, descriptor, entity, Deleted: false, row with { ETag = null, Entity = entity }));
    }

    public async ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class
    {
        var table = _environment.Schema.GetTable(descriptor);
        var row = await LocateAsync(table, descriptor, keyPaths, keyValues, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        var operation = await _environment.DeleteAsync(_scope, table, descriptor, row, _origin, cancellationToken).ConfigureAwait(false);
        Queue(operation);
        _pending.Add(new KnownRow(table, descriptor, row.Entity!, Deleted: true, row));
        return true;
    }

    public void SetOrigin(string? origin) => _origin = origin;

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        var refused = await SendAsync(cancellationToken).ConfigureAwait(false);
        if (refused.Count > 0)
        {
            foreach (var operation in refused)
            {
                _environment.Refusals.Remember(operation);
            }

            throw Refusal(refused);
        }
    }

    /// <summary>Writes that carry one change (a pass's, tagged <c>map#sequence</c>) are refused alone; any other refused write fails the commit as <see cref="CommitAsync"/> does.</summary>
    public async ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken)
    {
        var refused = await SendAsync(cancellationToken).ConfigureAwait(false);
        if (refused.Any(o => !RefusedWrites.CarriesOneChange(o)))
        {
            throw Refusal(refused);
        }

        return refused.ConvertAll(o => new RefusedWrite(o.Origin!, o.Refusal!));
    }

    private async ValueTask<List<WriteOperation>> SendAsync(CancellationToken cancellationToken)
    {
        if (_committed)
        {
            throw new InvalidOperationException("The transaction was committed already.");
        }

        _committed = true;
        if (_operations.Count == 0)
        {
            return new List<WriteOperation>();
        }

        await _environment.Sender.SendAsync(_operations, cancellationToken).ConfigureAwait(false);

        // Not cancelled: the service has the writes now, and a journal without them would read them back as changes.
        await JournalOwnWritesAsync(CancellationToken.None).ConfigureAwait(false);
        return _operations.Where(o => o.Refusal is not null).ToList();
    }

    private EnvironmentWriteException Refusal(List<WriteOperation> refused)
    {
        const int named = 5;
        return new EnvironmentWriteException(
            $"The service refused {refused.Count} of {_operations.Count} writes; the others were applied. "
            + string.Join(" ", refused.Take(named).Select(o => $"{o.Method} {o.Url.PathAndQuery}: {o.Refusal}"))
            + (refused.Count > named ? $" (and {refused.Count - named} more)" : string.Empty));
    }

    public void Dispose()
    {
        // Queued writes that were not committed were never sent: there is nothing to roll back.
        _operations.Clear();
        _pending.Clear();
        _prefetched.Clear();
    }

    private void Queue(WriteOperation operation)
    {
        _environment.Refusals.ThrowIfRefused(operation);
        _operations.Add(operation);
    }

    private async Task JournalOwnWritesAsync(CancellationToken cancellationToken)
    {
        await using var batch = await _environment.Journal.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var applied = _operations.Where(o => o.Refusal is null).Select(o =>
        {
            var table = _environment.Schema.GetTable(o.EntitySet);
            return (Operation: o, Table: table, RowKey: RowKeyOf(table, o));
        }).ToList();

        // What the journal knows of the updated rows an answer did not return, in a few list reads instead of one read each.
        foreach (var updated in applied.Where(a => a.RowKey is not null && a.Operation.Returned is null && a.Operation.Kind == WriteKind.Update).GroupBy(a => a.Table.Name, StringComparer.Ordinal))
        {
            await batch.LoadKnownAsync(updated.Key, updated.Select(a => a.RowKey!), withImages: true, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (operation, table, rowKey) in applied)
        {
            var returned = operation.Returned;
            var image = operation.Image;
            if (returned is not null)
            {
                var key = table.PrimaryKey;
                for (var i = 0; i < key.Count; i++)
                {
                    if (returned.Properties.TryGetValue(key[i], out var value))
                    {
                        image[key[i]] = value;
                    }
                }
            }

            var imageText = RowImage.Write(image);
            if (rowKey is not null)
            {
                var row = returned?.Properties ?? await UpdatedAsync(batch, table.Name, rowKey, operation, cancellationToken).ConfigureAwait(false);
                var fingerprint = row is null ? OwnCreates.Fingerprint(_environment.ReadColumns(table), operation) : _environment.Fingerprint(table, row);
                await batch.RememberAsync(table.Name, rowKey, returned?.ETag ?? operation.ETag, fingerprint, row is null ? imageText : RowImage.Write(row), operation.Kind == WriteKind.Delete, cancellationToken)
                    .ConfigureAwait(false);
            }

            await batch.AppendAsync(table.Name, operation.JournalOperation, rowKey ?? "[]", imageText, operation.Origin, now, cancellationToken).ConfigureAwait(false);
        }

        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The key the journal files a write's row under: from the row the service returned, else the one the write named.
    private string? RowKeyOf(TableSchema table, WriteOperation operation) =>
        operation.Returned is { } returned && HoldsKey(table, returned.Properties)
            ? _environment.RowKeyOf(table, returned.Properties)
            : operation.RowKey ?? _environment.RowKeyFromEntityId(operation.EntityIdHeader);

    // An index loop, not All with a method group: that made a delegate and an enumerator for every write a commit files.
    private static bool HoldsKey(TableSchema table, IReadOnlyDictionary<string, object?> row)
    {
        var key = table.PrimaryKey;
        for (var i = 0; i < key.Count; i++)
        {
            if (!row.ContainsKey(key[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The row an update without a returned body (F&amp;O answers a PATCH with 204, Dataverse an <c>UpdateMultiple</c> with
    /// nothing) leaves: the row as the journal last knew it with the written values, bound ids and cleared lookups over it.
    /// Its fingerprint lets the poll that reads it back recognise the write.
    /// </summary>
    private static async Task<Dictionary<string, object?>?> UpdatedAsync(JournalBatch batch, string entitySet, string rowKey, WriteOperation operation, CancellationToken cancellationToken)
    {
        if (operation.Kind != WriteKind.Update || await batch.KnownAsync(entitySet, rowKey, withImage: true, cancellationToken).ConfigureAwait(false) is not { Deleted: false, Image: { } image })
        {
            return null;
        }

        var row = RowImage.Read(image);
        foreach (var (name, value) in operation.Properties)
        {
            row[name] = ODataValues.FromOData(value);
        }

        // Lookups the update rebound or cleared read back at their _x_value columns: left at their old ids, a user's edit
        // that set a lookup back to its old id before the next poll would pass for this write.
        foreach (var (column, id) in operation.BoundIds)
        {
            row[column] = id;
        }

        foreach (var (_, column) in operation.Clears)
        {
            row[column] = null;
        }

        return row;
    }

    private ValueTask<LocatedRow?> LocateAsync(TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken) =>
        LocateAsync(table, descriptor, keyPaths, keyValues, RowPrefetch.KeyText(table, keyPaths, keyValues), cancellationToken);

    /// <summary>
    /// The row the key paths name: as this transaction left it, or as the service has it. <paramref name="keyText"/> is
    /// <see cref="RowPrefetch.KeyText"/> of the key, built once for the three places it is looked up.
    /// </summary>
    private async ValueTask<LocatedRow?> LocateAsync(TableSchema table, IEntityDescriptor descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, string keyText, CancellationToken cancellationToken)
    {
        if (_pending.Find(table, keyPaths, keyText) is { } pending)
        {
            if (pending.Deleted)
            {
                return null;
            }

            return pending.Location
                ?? throw new NotSupportedException($"A {table.Name} row created in this transaction without an alternate key cannot be written again before the transaction commits.");
        }

        if (_prefetched.TryGetValue(keyText, out var prefetched))
        {
            return prefetched;
        }

        if (_found.Find(table, keyPaths, keyText) is { } found)
        {
            return found.Location;
        }

        var filter = await _environment.KeyFilterAsync(_scope, table, descriptor, keyPaths, keyValues, cancellationToken).ConfigureAwait(false);
        if (filter is null)
        {
            return null;
        }

        ODataRow? first = null;
        await foreach (var page in _environment.Service.ReadFeedAsync(_environment.SetUrl(table, filter, top: 2), table.Name, headers: null, cancellationToken).ConfigureAwait(false))
        {
            first ??= page.Rows.FirstOrDefault();
            break;
        }

        if (first is null)
        {
            return null;
        }

        var entity = await _environment.ToEntityAsync(_scope, descriptor, table, first.Properties, lenient: false, cancellationToken).ConfigureAwait(false);
        var located = _environment.Located(table, first, entity);
        _found.Add(new KnownRow(table, descriptor, located.Entity!, Deleted: false, located));
        return located;
    }
}
