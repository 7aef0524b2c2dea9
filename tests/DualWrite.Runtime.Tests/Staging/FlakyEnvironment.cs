using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Tests.Staging;

/// <summary>
/// An environment that is unreachable while <see cref="Down"/> or for its next <see cref="FailuresLeft"/> transactions,
/// and that runs <see cref="BeforeTransaction"/> (another writer's commit) before each transaction takes its lock.
/// </summary>
internal sealed class FlakyEnvironment : IDualWriteEnvironment
{
    private readonly IDualWriteEnvironment _inner;

    public FlakyEnvironment(IDualWriteEnvironment inner) => _inner = inner;

    public bool Down { get; set; }

    public int FailuresLeft { get; set; }

    public int Failures { get; private set; }

    public Action? BeforeTransaction { get; set; }

    public Side Side => _inner.Side;

    public string EnvironmentId => _inner.EnvironmentId;

    public EnvironmentSchema Schema => _inner.Schema;

    public long GetHead()
    {
        ThrowWhenDown();
        return _inner.GetHead();
    }

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence)
    {
        ThrowWhenDown();
        return _inner.ReadChanges(entitySet, afterSequence, throughSequence);
    }

    public ChangeRecord? PreviousChange(string entitySet, string rowKey, long beforeSequence) => _inner.PreviousChange(entitySet, rowKey, beforeSequence);

    public IEnvironmentTransaction BeginTransaction(string? origin)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            Failures++;
            throw new EnvironmentUnavailableException(Side, $"{Side} timed out (simulated).");
        }

        ThrowWhenDown();
        BeforeTransaction?.Invoke();
        return _inner.BeginTransaction(origin);
    }

    public IEnumerable<KeyedRow<T>> ReadInKeyOrder<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<string>? after)
        where T : class => _inner.ReadInKeyOrder(descriptor, keyPaths, after);

    public long CountRows(string entitySet) => _inner.CountRows(entitySet);

    public void EnsureCompanies(IReadOnlyCollection<string> companyCodes) => _inner.EnsureCompanies(companyCodes);

    public void Dispose()
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
