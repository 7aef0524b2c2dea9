using System.Collections.Generic;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Hosting.Tests.Support;

/// <summary>A real environment passed through, recording whether whoever holds it disposed it.</summary>
internal sealed class DisposalProbe : IDualWriteEnvironment
{
    private readonly IDualWriteEnvironment _inner;

    public DisposalProbe(IDualWriteEnvironment inner) => _inner = inner;

    public int Disposals { get; private set; }

    public Side Side => _inner.Side;

    public string EnvironmentId => _inner.EnvironmentId;

    public EnvironmentSchema Schema => _inner.Schema;

    public long GetHead() => _inner.GetHead();

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence) =>
        _inner.ReadChanges(entitySet, afterSequence, throughSequence);

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit) =>
        _inner.ReadChanges(entitySet, afterSequence, throughSequence, origins, limit);

    public ChangeCount CountChanges(string entitySet, long afterSequence, long throughSequence) =>
        _inner.CountChanges(entitySet, afterSequence, throughSequence);

    public IEnvironmentTransaction BeginTransaction(string? origin) => _inner.BeginTransaction(origin);

    public IEnumerable<KeyedRow<T>> ReadInKeyOrder<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<string>? after)
        where T : class => _inner.ReadInKeyOrder(descriptor, keyPaths, after);

    public long CountRows(string entitySet) => _inner.CountRows(entitySet);

    public void EnsureCompanies(IReadOnlyCollection<string> companyCodes) => _inner.EnsureCompanies(companyCodes);

    public void Dispose()
    {
        Disposals++;
        _inner.Dispose();
    }
}
