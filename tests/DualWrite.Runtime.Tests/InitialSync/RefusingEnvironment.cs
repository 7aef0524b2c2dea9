using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Tests.InitialSync;

/// <summary>
/// An environment that queues its writes as OData does: a record it refuses is known only at the commit, which then
/// fails whole and names it. <paramref name="refuses"/> returns the name of a record the service refuses, else null.
/// </summary>
internal sealed class RefusingEnvironment(IDualWriteEnvironment inner, Func<object, string?> refuses) : ForwardingEnvironment(inner)
{
    /// <summary>The test owns the inner environment.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => new Transaction(this, inner);

    private sealed class Transaction(RefusingEnvironment owner, IEnvironmentTransaction inner) : ForwardingTransaction(inner)
    {
        private readonly List<string> _refused = new();

        public override ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        {
            Note(entity);
            return base.InsertAsync(descriptor, entity, cancellationToken);
        }

        public override ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        {
            Note(entity);
            return base.UpdateAsync(descriptor, keyPaths, keyValues, entity, properties, cancellationToken);
        }

        public override ValueTask CommitAsync(CancellationToken cancellationToken) => _refused.Count > 0
            ? throw new EnvironmentWriteException($"The service refused {string.Join(", ", _refused)}.")
            : base.CommitAsync(cancellationToken);

        private void Note(object entity)
        {
            if (owner._refuses(entity) is { } name)
            {
                _refused.Add(name);
            }
        }
    }

    private readonly Func<object, string?> _refuses = refuses;
}
