using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Tests.Passes;

/// <summary>
/// An environment that refuses single writes at commit and keeps the others, as a service that applies a transaction's
/// writes one by one: <paramref name="refuses"/> returns the reason a written entity is refused, else null. A refused
/// write never reaches the inner environment; the commit names it by the origin it was tagged with.
/// <see cref="Stray"/> adds a refusal of a write no pass made to the commit of a transaction that wrote something.
/// </summary>
internal sealed class RefusingAtCommitEnvironment(IDualWriteEnvironment inner, Func<object, string?> refuses) : ForwardingEnvironment(inner)
{
    public RefusedWrite? Stray { get; set; }

    /// <summary>The test owns the inner environment.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => new Transaction(this, inner);

    private sealed class Transaction(RefusingAtCommitEnvironment owner, IEnvironmentTransaction inner) : ForwardingTransaction(inner)
    {
        private readonly List<RefusedWrite> _refused = new();
        private string? _origin;

        public override void SetOrigin(string? origin)
        {
            _origin = origin;
            base.SetOrigin(origin);
        }

        public override ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken) =>
            Refused(entity) ? default : base.InsertAsync(descriptor, entity, cancellationToken);

        public override ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken) =>
            Refused(entity) ? new(true) : base.TryInsertAsync(descriptor, keyPaths, keyValues, entity, cancellationToken);

        public override ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken) =>
            Refused(entity) ? default : base.UpdateAsync(descriptor, keyPaths, keyValues, entity, properties, cancellationToken);

        public override async ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken)
        {
            var kept = await base.CommitRecordsAsync(cancellationToken).ConfigureAwait(false);
            var refused = new List<RefusedWrite>(kept);
            refused.AddRange(_refused);
            if (owner.Stray is { } stray && _origin is not null)
            {
                refused.Add(stray);
            }

            return refused;
        }

        private bool Refused(object entity)
        {
            if (owner._refuses(entity) is not { } reason)
            {
                return false;
            }

            _refused.Add(new RefusedWrite(_origin ?? throw new InvalidOperationException("A write without an origin."), reason));
            return true;
        }
    }

    private readonly Func<object, string?> _refuses = refuses;
}
