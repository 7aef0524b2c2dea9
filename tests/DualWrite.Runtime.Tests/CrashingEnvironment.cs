using System;
using System.Collections.Generic;
using System.IO;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// An environment that dies (an I/O error, as a lost disk or a killed process) at its Nth insert, mid-transaction, or
/// that refuses a commit when <see cref="RefuseNextCommit"/> is set.
/// </summary>
internal sealed class CrashingEnvironment : IDualWriteEnvironment
{
    private readonly IDualWriteEnvironment _inner;
    private int _insertsLeft;

    public CrashingEnvironment(IDualWriteEnvironment inner, int crashAtInsert)
    {
        _inner = inner;
        _insertsLeft = crashAtInsert;
    }

    public bool RefuseNextCommit { get; set; }

    public Side Side => _inner.Side;

    public string EnvironmentId => _inner.EnvironmentId;

    public EnvironmentSchema Schema => _inner.Schema;

    public long GetHead() => _inner.GetHead();

    public IReadOnlyList<ChangeRecord> ReadChanges(string entitySet, long afterSequence, long throughSequence) => _inner.ReadChanges(entitySet, afterSequence, throughSequence);

    public IEnvironmentTransaction BeginTransaction(string? origin) => new Transaction(this, _inner.BeginTransaction(origin));

    public IEnumerable<KeyedRow<T>> ReadInKeyOrder<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<string>? after)
        where T : class => _inner.ReadInKeyOrder(descriptor, keyPaths, after);

    public long CountRows(string entitySet) => _inner.CountRows(entitySet);

    public void EnsureCompanies(IReadOnlyCollection<string> companyCodes) => _inner.EnsureCompanies(companyCodes);

    public void Dispose()
    {
    }

    private sealed class Transaction : IEnvironmentTransaction
    {
        private readonly CrashingEnvironment _owner;
        private readonly IEnvironmentTransaction _inner;

        public Transaction(CrashingEnvironment owner, IEnvironmentTransaction inner)
        {
            _owner = owner;
            _inner = inner;
        }

        public T Materialize<T>(EntityDescriptor<T> descriptor, ChangeRecord change)
            where T : class => _inner.Materialize(descriptor, change);

        public T? Find<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
            where T : class => _inner.Find(descriptor, keyPaths, keyValues);

        public IReadOnlyList<T> Query<T>(EntityDescriptor<T> descriptor)
            where T : class => _inner.Query(descriptor);

        public void Insert<T>(EntityDescriptor<T> descriptor, T entity)
            where T : class
        {
            if (--_owner._insertsLeft == 0)
            {
                throw new IOException("Simulated crash in the middle of a batch.");
            }

            _inner.Insert(descriptor, entity);
        }

        public void Update<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
            where T : class => _inner.Update(descriptor, keyPaths, keyValues, entity, properties);

        public bool Delete<T>(EntityDescriptor<T> descriptor, IReadOnlyList<string> keyPaths, IReadOnlyList<object?> keyValues)
            where T : class => _inner.Delete(descriptor, keyPaths, keyValues);

        public void SetOrigin(string? origin) => _inner.SetOrigin(origin);

        public void Commit()
        {
            if (_owner.RefuseNextCommit)
            {
                _owner.RefuseNextCommit = false;
                throw new IOException("Simulated refusal at commit.");
            }

            _inner.Commit();
        }

        public void Dispose() => _inner.Dispose();
    }
}
