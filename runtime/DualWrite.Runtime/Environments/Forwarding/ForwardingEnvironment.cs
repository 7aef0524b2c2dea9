using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Environments.Forwarding;

/// <summary>
/// The base of a decorator: every member, the capabilities included, goes to the inner environment, so a decorator
/// overrides what it changes and cannot drop an ability by leaving a member out. Transactions are wrapped by
/// <see cref="Wrap"/>, which by default hands the inner transaction back.
/// </summary>
public abstract class ForwardingEnvironment : IDualWriteEnvironment
{
    /// <summary>Creates the decorator over <paramref name="inner"/>.</summary>
    protected ForwardingEnvironment(IDualWriteEnvironment inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The decorated environment.</summary>
    protected IDualWriteEnvironment Inner { get; }

    /// <inheritdoc/>
    public virtual Side Side => Inner.Side;

    /// <inheritdoc/>
    public virtual string EnvironmentId => Inner.EnvironmentId;

    /// <inheritdoc/>
    public virtual EnvironmentSchema Schema => Inner.Schema;

    /// <inheritdoc/>
    public virtual EnvironmentCapabilities Capabilities => Inner.Capabilities;

    /// <inheritdoc/>
    public virtual ValueTask<long> GetHeadAsync(CancellationToken cancellationToken) => Inner.GetHeadAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken) =>
        Inner.ReadChangesAsync(entitySet, afterSequence, throughSequence, origins, limit, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        Inner.PreviousChangeAsync(entitySet, rowKey, beforeSequence, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken) =>
        Inner.CountChangesAsync(entitySet, afterSequence, throughSequence, cancellationToken);

    /// <inheritdoc/>
    public virtual async ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken) =>
        Wrap(await Inner.BeginTransactionAsync(origin, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<KeyedRow<T>> ReadInKeyOrderAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, CancellationToken cancellationToken)
        where T : class => Inner.ReadInKeyOrderAsync(descriptor, keyPaths, after, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<long> CountRowsAsync(string entitySet, CancellationToken cancellationToken) => Inner.CountRowsAsync(entitySet, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken) =>
        Inner.EnsureCompaniesAsync(companyCodes, cancellationToken);

    /// <inheritdoc/>
    public virtual void DeclareReadProperties(string entitySet, IReadOnlyCollection<string> properties) => Inner.DeclareReadProperties(entitySet, properties);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner environment; a decorator that owns more disposes it here too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }
    }

    /// <summary>The transaction the decorator hands out for one the inner environment began.</summary>
    protected virtual IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => inner;
}
