using System;
using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Tests;

/// <summary>An environment that runs an action once, just before its Nth transaction begins: a writer slipping in between two maps' turns.</summary>
internal sealed class EnvironmentWithHook : IDualWriteEnvironment
{
    private readonly IDualWriteEnvironment _inner;
    private readonly Action _hook;
    private int _transactionsLeft;

    public EnvironmentWithHook(IDualWriteEnvironment inner, int beforeTransaction, Action hook)
    {
        _inner = inner;
        _transactionsLeft = beforeTransaction;
        _hook = hook;
    }

    public Side Side => _inner.Side;

    public string EnvironmentId => _inner.EnvironmentId;

    public EnvironmentSchema Schema => _inner.Schema;

    public long GetHead() => _inner.GetHead();

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence) => _inner.ReadChanges(entitySet, afterSequence, throughSequence);

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit) =>
        _inner.ReadChanges(entitySet, afterSequence, throughSequence, origins, limit);

    public ChangeCount CountChanges(string entitySet, long afterSequence, long throughSequence) => _inner.CountChanges(entitySet, afterSequence, throughSequence);

    public IEnvironmentTransaction BeginTransaction(string? origin)
    {
        if (--_transactionsLeft == 0)
        {
            _hook();
        }

        return _inner.BeginTransaction(origin);
    }

    public IEnumerable<KeyedRow<T>> ReadInKeyOrder<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<string>? after)
        where T : class => _inner.ReadInKeyOrder(descriptor, keyPaths, after);

    public long CountRows(string entitySet) => _inner.CountRows(entitySet);

    public void EnsureCompanies(IReadOnlyCollection<string> companyCodes) => _inner.EnsureCompanies(companyCodes);

    public void Dispose()
    {
    }
}
