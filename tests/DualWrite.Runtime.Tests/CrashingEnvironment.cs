using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// An environment that dies (an I/O error, as a lost disk or a killed process) at its Nth insert, mid-transaction, or
/// that refuses a commit when <see cref="RefuseNextCommit"/> is set.
/// </summary>
internal sealed class CrashingEnvironment : ForwardingEnvironment
{
    private int _insertsLeft;

    public CrashingEnvironment(IDualWriteEnvironment inner, int crashAtInsert)
        : base(inner) => _insertsLeft = crashAtInsert;

    public bool RefuseNextCommit { get; set; }

    /// <summary>The test owns the inner environment.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => new Transaction(this, inner);

    private sealed class Transaction : ForwardingTransaction
    {
        private readonly CrashingEnvironment _owner;

        public Transaction(CrashingEnvironment owner, IEnvironmentTransaction inner)
            : base(inner) => _owner = owner;

        public override ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        {
            if (--_owner._insertsLeft == 0)
            {
                throw new IOException("Simulated crash in the middle of a batch.");
            }

            return base.InsertAsync(descriptor, entity, cancellationToken);
        }

        public override ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, System.Collections.Generic.IReadOnlyList<KeyPath> keyPaths, System.Collections.Generic.IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        {
            if (--_owner._insertsLeft == 0)
            {
                throw new IOException("Simulated crash in the middle of a batch.");
            }

            return base.TryInsertAsync(descriptor, keyPaths, keyValues, entity, cancellationToken);
        }

        public override ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            if (_owner.RefuseNextCommit)
            {
                _owner.RefuseNextCommit = false;
                throw new IOException("Simulated refusal at commit.");
            }

            return base.CommitAsync(cancellationToken);
        }
    }
}
