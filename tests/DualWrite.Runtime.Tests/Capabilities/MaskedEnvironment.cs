using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Tests.Capabilities;

/// <summary>
/// An environment that declares other capabilities than the one it decorates, and holds the engine to them: a member
/// behind a capability it lacks throws, a read without <see cref="EnvironmentCapabilities.ReadsByOrigin"/> answers the
/// whole range whatever origins and limit were asked (as a service that cannot select), and with
/// <see cref="EnvironmentCapabilities.BatchFinds"/> it notes the keys each batch asked for and every find outside them.
/// </summary>
internal sealed class MaskedEnvironment(IDualWriteEnvironment inner, EnvironmentCapabilities removed, EnvironmentCapabilities added) : ForwardingEnvironment(inner)
{
    public override EnvironmentCapabilities Capabilities => (Inner.Capabilities & ~removed) | added;

    /// <summary>The keys a batch find asked for.</summary>
    public HashSet<string> Batched { get; } = new(StringComparer.Ordinal);

    /// <summary>The keys found one by one that no earlier batch had asked for.</summary>
    public List<string> Unbatched { get; } = new();

    public static string KeyText(IReadOnlyList<object?> keyValues) => string.Join("|", keyValues.Select(v => v?.ToString() ?? "(null)"));

    public override ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken)
    {
        if (!Lacks(EnvironmentCapabilities.ReadsByOrigin))
        {
            return base.ReadChangesAsync(entitySet, afterSequence, throughSequence, origins, limit, cancellationToken);
        }

        if (origins != ChangeOrigins.All)
        {
            throw new InvalidOperationException($"Asked for {origins} changes of an environment that cannot select by origin.");
        }

        return Inner.ReadChangesAsync(entitySet, afterSequence, throughSequence, ChangeOrigins.All, int.MaxValue, cancellationToken);
    }

    public override ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken) =>
        Lacks(EnvironmentCapabilities.NativeChangeCounts)
            ? throw new InvalidOperationException("Asked to count the changes of an environment that cannot.")
            : base.CountChangesAsync(entitySet, afterSequence, throughSequence, cancellationToken);

    public override ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        Lacks(EnvironmentCapabilities.PreviousImages)
            ? throw new InvalidOperationException("Asked for an earlier image of an environment that keeps none.")
            : base.PreviousChangeAsync(entitySet, rowKey, beforeSequence, cancellationToken);

    /// <summary>The test owns the inner environment.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => new Transaction(this, inner);

    private bool Lacks(EnvironmentCapabilities capability) => (removed & capability) != 0;

    private sealed class Transaction(MaskedEnvironment owner, IEnvironmentTransaction inner) : ForwardingTransaction(inner)
    {
        public override ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
            where T : class
        {
            foreach (var key in keys)
            {
                owner.Batched.Add(KeyText(key));
            }

            return base.FindManyAsync(descriptor, keyPaths, keys, cancellationToken);
        }

        public override ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
            where T : class
        {
            var text = KeyText(keyValues);
            if ((owner.Capabilities & EnvironmentCapabilities.BatchFinds) != 0 && !owner.Batched.Contains(text))
            {
                owner.Unbatched.Add(text);
            }

            return base.FindAsync(descriptor, keyPaths, keyValues, cancellationToken);
        }

        public override ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken) =>
            owner.Lacks(EnvironmentCapabilities.NativeTryInsert)
                ? throw new InvalidOperationException("Asked to insert without looking into an environment that cannot.")
                : base.TryInsertAsync(descriptor, keyPaths, keyValues, entity, cancellationToken);
    }
}
