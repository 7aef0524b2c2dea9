using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Tests.Decorators;

/// <summary>An environment that does nothing but note which of its members, and its transactions', were called.</summary>
internal sealed class RecordingEnvironment : IDualWriteEnvironment
{
    public RecordingEnvironment(EnvironmentSchema schema, EnvironmentCapabilities capabilities)
    {
        Schema = schema;
        Capabilities = capabilities;
    }

    public List<string> Calls { get; } = new();

    public Side Side => Schema.Side;

    public string EnvironmentId => "recording";

    public EnvironmentSchema Schema { get; }

    public EnvironmentCapabilities Capabilities { get; }

    public ValueTask<long> GetHeadAsync(CancellationToken cancellationToken) => Called(nameof(GetHeadAsync), 0L);

    public ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken) =>
        Called<IReadOnlyList<ChangeRecord>>($"{nameof(ReadChangesAsync)}:{origins}:{limit}", new List<ChangeRecord>());

    public ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        Called<ChangeRecord?>(nameof(PreviousChangeAsync), null);

    public ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken) =>
        Called(nameof(CountChangesAsync), new ChangeCount(0, 0));

    public ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken) =>
        Called<IEnvironmentTransaction>(nameof(BeginTransactionAsync), new Transaction(Calls));

    public IAsyncEnumerable<KeyedRow<T>> ReadInKeyOrderAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, CancellationToken cancellationToken)
        where T : class
    {
        Calls.Add(nameof(ReadInKeyOrderAsync));
        return AsyncEnumerable.Empty<KeyedRow<T>>();
    }

    public ValueTask<long> CountRowsAsync(string entitySet, CancellationToken cancellationToken) => Called(nameof(CountRowsAsync), 0L);

    public ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken)
    {
        Calls.Add(nameof(EnsureCompaniesAsync));
        return default;
    }

    public void DeclareReadProperties(string entitySet, IReadOnlyCollection<string> properties) => Calls.Add(nameof(DeclareReadProperties));

    public void Dispose() => Calls.Add(nameof(Dispose));

    private ValueTask<T> Called<T>(string call, T result)
    {
        Calls.Add(call);
        return new(result);
    }

    private sealed class Transaction(List<string> calls) : IEnvironmentTransaction
    {
        public ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
            where T : class => Called(nameof(MaterializeAsync), descriptor.Create());

        public ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
            where T : class => Called<T?>(nameof(FindAsync), null);

        public ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
            where T : class => Called<IReadOnlyList<T?>>(nameof(FindManyAsync), new T?[keys.Count]);

        public ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
            where T : class => Called<IReadOnlyList<T>>(nameof(QueryAsync), new List<T>());

        public ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
            where T : class => Called(nameof(InsertAsync));

        public ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
            where T : class => Called(nameof(TryInsertAsync), true);

        public ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
            where T : class => Called(nameof(UpdateAsync));

        public ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
            where T : class => Called(nameof(DeleteAsync), true);

        public void SetOrigin(string? origin) => calls.Add(nameof(SetOrigin));

        public ValueTask CommitAsync(CancellationToken cancellationToken) => Called(nameof(CommitAsync));

        public ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken) =>
            Called<IReadOnlyList<RefusedWrite>>(nameof(CommitRecordsAsync), Array.Empty<RefusedWrite>());

        public void Dispose() => calls.Add("Transaction." + nameof(Dispose));

        private ValueTask<T> Called<T>(string call, T result)
        {
            calls.Add(call);
            return new(result);
        }

        private ValueTask Called(string call)
        {
            calls.Add(call);
            return default;
        }
    }
}
