using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>A connector's transaction whose calls the <see cref="StageClock"/> charges.</summary>
internal sealed class MeasuredTransaction : ForwardingTransaction
{
    private readonly StageClock _clock;
    private readonly string _side;

    public MeasuredTransaction(IEnvironmentTransaction inner, StageClock clock, string side)
        : base(inner)
    {
        _clock = clock;
        _side = side;
    }

    public override ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} materialize a change", () => Inner.MaterializeAsync(descriptor, change, cancellationToken));

    public override ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} find (reads ahead)", () => Inner.FindAsync(descriptor, keyPaths, keyValues, cancellationToken));

    public override ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} find (reads ahead)", () => Inner.FindManyAsync(descriptor, keyPaths, keys, cancellationToken));

    public override ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} query", () => Inner.QueryAsync(descriptor, cancellationToken));

    public override ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => Inner.InsertAsync(descriptor, entity, cancellationToken));

    public override ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => Inner.TryInsertAsync(descriptor, keyPaths, keyValues, entity, cancellationToken));

    public override ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => Inner.UpdateAsync(descriptor, keyPaths, keyValues, entity, properties, cancellationToken));

    public override ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => Inner.DeleteAsync(descriptor, keyPaths, keyValues, cancellationToken));

    public override ValueTask CommitAsync(CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} commit (writes, journal)", () => Inner.CommitAsync(cancellationToken));

    public override ValueTask<IReadOnlyList<RefusedWrite>> CommitRecordsAsync(CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} commit (writes, journal)", () => Inner.CommitRecordsAsync(cancellationToken));
}
