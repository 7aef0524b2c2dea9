using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Runtime.Tests.Staging;

/// <summary>
/// An environment that is unreachable while <see cref="Down"/> or for its next <see cref="FailuresLeft"/> transactions,
/// and that runs <see cref="BeforeTransaction"/> (another writer's commit) before each transaction takes its lock.
/// </summary>
internal sealed class FlakyEnvironment : ForwardingEnvironment
{
    public FlakyEnvironment(IDualWriteEnvironment inner)
        : base(inner)
    {
    }

    public bool Down { get; set; }

    public int FailuresLeft { get; set; }

    public int Failures { get; private set; }

    public Action? BeforeTransaction { get; set; }

    public override ValueTask<long> GetHeadAsync(CancellationToken cancellationToken)
    {
        ThrowWhenDown();
        return base.GetHeadAsync(cancellationToken);
    }

    public override ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken)
    {
        ThrowWhenDown();
        return base.ReadChangesAsync(entitySet, afterSequence, throughSequence, origins, limit, cancellationToken);
    }

    public override ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken)
    {
        ThrowWhenDown();
        return base.CountChangesAsync(entitySet, afterSequence, throughSequence, cancellationToken);
    }

    public override ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            Failures++;
            throw new EnvironmentUnavailableException(Side, $"{Side} timed out (simulated).");
        }

        ThrowWhenDown();
        BeforeTransaction?.Invoke();
        return base.BeginTransactionAsync(origin, cancellationToken);
    }

    /// <summary>The test owns the inner environment.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    private void ThrowWhenDown()
    {
        if (Down)
        {
            Failures++;
            throw new EnvironmentUnavailableException(Side, $"{Side} is unreachable (simulated).");
        }
    }
}
