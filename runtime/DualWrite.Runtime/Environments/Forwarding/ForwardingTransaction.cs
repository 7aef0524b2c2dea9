using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Environments.Forwarding;

/// <summary>The base of a transaction decorator: every member goes to the inner transaction unless overridden.</summary>
public abstract class ForwardingTransaction : IEnvironmentTransaction
{
    /// <summary>Creates the decorator over <paramref name="inner"/>.</summary>
    protected ForwardingTransaction(IEnvironmentTransaction inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The decorated transaction.</summary>
    protected IEnvironmentTransaction Inner { get; }

    /// <inheritdoc/>
    public virtual ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
        where T : class => Inner.MaterializeAsync(descriptor, change, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class => Inner.FindAsync(descriptor, keyPaths, keyValues, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
        where T : class => Inner.FindManyAsync(descriptor, keyPaths, keys, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
        where T : class => Inner.QueryAsync(descriptor, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        where T : class => Inner.InsertAsync(descriptor, entity, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        where T : class => Inner.TryInsertAsync(descriptor, keyPaths, keyValues, entity, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        where T : class => Inner.UpdateAsync(descriptor, keyPaths, keyValues, entity, properties, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class => Inner.DeleteAsync(descriptor, keyPaths, keyValues, cancellationToken);

    /// <inheritdoc/>
    public virtual void SetOrigin(string? origin) => Inner.SetOrigin(origin);

    /// <inheritdoc/>
    public virtual ValueTask CommitAsync(CancellationToken cancellationToken) => Inner.CommitAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken) => Inner.CommitRecordsAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes (rolls back, when not committed) the inner transaction.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }
    }
}
