using System.Collections.Generic;
using System.Diagnostics;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Benchmarks.Hosts;

/// <summary>
/// An environment that times its write transactions. A pass opens F&amp;O's first and closes it last, so timing F&amp;O's
/// transactions gives how long each pass held the write locks that serialize all hosts' passes.
/// </summary>
internal sealed class TimedEnvironment : IDualWriteEnvironment
{
    private readonly IDualWriteEnvironment _inner;
    private readonly Timings? _timings;

    /// <param name="inner">The environment.</param>
    /// <param name="timings">Where to add the time its transactions are open; null to time nothing.</param>
    public TimedEnvironment(IDualWriteEnvironment inner, Timings? timings)
    {
        _inner = inner;
        _timings = timings;
    }

    public Side Side => _inner.Side;

    public string EnvironmentId => _inner.EnvironmentId;

    public EnvironmentSchema Schema => _inner.Schema;

    public long GetHead() => _inner.GetHead();

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence) => _inner.ReadChanges(entitySet, afterSequence, throughSequence);

    public IEnvironmentTransaction BeginTransaction(string? origin)
    {
        // Timed from the moment the lock is taken: waiting for another host's pass to end is not holding it.
        var transaction = _inner.BeginTransaction(origin);
        return _timings is null ? transaction : new TimedTransaction(transaction, _timings, Stopwatch.GetTimestamp());
    }

    public IEnumerable<KeyedRow<T>> ReadInKeyOrder<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<string>? after)
        where T : class => _inner.ReadInKeyOrder(descriptor, keyPaths, after);

    public long CountRows(string entitySet) => _inner.CountRows(entitySet);

    public void EnsureCompanies(IReadOnlyCollection<string> companyCodes) => _inner.EnsureCompanies(companyCodes);

    public void Dispose() => _inner.Dispose();

    private sealed class TimedTransaction : IEnvironmentTransaction
    {
        private readonly IEnvironmentTransaction _inner;
        private readonly Timings _timings;
        private readonly long _started;

        public TimedTransaction(IEnvironmentTransaction inner, Timings timings, long started)
        {
            _inner = inner;
            _timings = timings;
            _started = started;
        }

        public T Materialize<T>(EntityDescriptor<T> descriptor, ChangeRecord change)
            where T : class => _inner.Materialize(descriptor, change);

        public T? Find<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
            where T : class => _inner.Find(descriptor, keyPaths, keyValues);

        public IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
            where T : class => _inner.Query(descriptor);

        public void Insert<T>(EntityDescriptor<T> descriptor, T entity)
            where T : class => _inner.Insert(descriptor, entity);

        public void Update<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
            where T : class => _inner.Update(descriptor, keyPaths, keyValues, entity, properties);

        public bool Delete<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
            where T : class => _inner.Delete(descriptor, keyPaths, keyValues);

        public void SetOrigin(string? origin) => _inner.SetOrigin(origin);

        public void Commit() => _inner.Commit();

        public void Dispose()
        {
            _inner.Dispose();
            _timings.AddLockHeld(Stopwatch.GetTimestamp() - _started);
        }
    }
}
