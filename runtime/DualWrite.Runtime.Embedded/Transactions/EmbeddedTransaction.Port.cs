using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>
/// The port over the transaction's synchronous SQLite work: each call completes before it returns, so the engine's
/// awaits take no state machine off the stack and allocate nothing.
/// </summary>
internal sealed partial class EmbeddedTransaction : IEnvironmentTransaction
{
    public ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
        where T : class => new(Materialize(descriptor, change));

    public ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class => new(Find(descriptor, keyPaths, keyValues));

    /// <summary>One find per key: a find here is a prepared statement on a local file, so there is no round trip to save.</summary>
    public ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
        where T : class
    {
        var rows = new T?[keys.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Find(descriptor, keyPaths, keys[i]);
        }

        return new(rows);
    }

    public ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
        where T : class => new(Query(descriptor));

    public ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        where T : class
    {
        Insert(descriptor, entity);
        return default;
    }

    public ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        where T : class => new(TryInsert(descriptor, keyPaths, keyValues, entity));

    public ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        where T : class
    {
        Update(descriptor, keyPaths, keyValues, entity, properties);
        return default;
    }

    public ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class => new(Delete(descriptor, keyPaths, keyValues));

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        Commit();
        return default;
    }

    /// <summary>The embedded environment refuses no single write at commit: a write it refuses fails when it is made.</summary>
    public ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken)
    {
        Commit();
        return new(Array.Empty<RefusedWrite>());
    }
}
