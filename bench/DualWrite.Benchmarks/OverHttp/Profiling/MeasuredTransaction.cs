using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>A connector's transaction whose calls the <see cref="StageClock"/> charges.</summary>
internal sealed class MeasuredTransaction : IEnvironmentTransaction
{
    private readonly IEnvironmentTransaction _inner;
    private readonly StageClock _clock;
    private readonly string _side;

    public MeasuredTransaction(IEnvironmentTransaction inner, StageClock clock, string side)
    {
        _inner = inner;
        _clock = clock;
        _side = side;
    }

    public ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} materialize a change", () => _inner.MaterializeAsync(descriptor, change, cancellationToken));

    public ValueTask<T?> FindAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} find (reads ahead)", () => _inner.FindAsync(descriptor, keyPaths, keyValues, cancellationToken));

    public ValueTask<IReadOnlyList<T?>> FindManyAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<IReadOnlyList<object?>> keys, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} find (reads ahead)", () => _inner.FindManyAsync(descriptor, keyPaths, keys, cancellationToken));

    public ValueTask<IReadOnlyList<T>> QueryAsync<T>(EntityDescriptor<T> descriptor, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} query", () => _inner.QueryAsync(descriptor, cancellationToken));

    public ValueTask InsertAsync<T>(EntityDescriptor<T> descriptor, T entity, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => _inner.InsertAsync(descriptor, entity, cancellationToken));

    public ValueTask<bool> TryInsertAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => _inner.TryInsertAsync(descriptor, keyPaths, keyValues, entity, cancellationToken));

    public ValueTask UpdateAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => _inner.UpdateAsync(descriptor, keyPaths, keyValues, entity, properties, cancellationToken));

    public ValueTask<bool> DeleteAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, CancellationToken cancellationToken)
        where T : class =>
        _clock.TimeAsync($"{_side} queue writes", () => _inner.DeleteAsync(descriptor, keyPaths, keyValues, cancellationToken));

    public void SetOrigin(string? origin) => _inner.SetOrigin(origin);

    public ValueTask CommitAsync(CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} commit (writes, journal)", () => _inner.CommitAsync(cancellationToken));

    public void Dispose() => _inner.Dispose();
}
