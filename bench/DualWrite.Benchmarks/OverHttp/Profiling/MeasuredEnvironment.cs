using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>A connector whose calls the <see cref="StageClock"/> charges, by side and by what the engine asked for.</summary>
internal sealed class MeasuredEnvironment : IDualWriteEnvironment
{
    private readonly IDualWriteEnvironment _inner;
    private readonly StageClock _clock;
    private readonly string _side;

    public MeasuredEnvironment(IDualWriteEnvironment inner, StageClock clock)
    {
        _inner = inner;
        _clock = clock;
        _side = inner.Side == Side.Fo ? "F&O" : "Dataverse";
    }

    public Side Side => _inner.Side;

    public string EnvironmentId => _inner.EnvironmentId;

    public EnvironmentSchema Schema => _inner.Schema;

    public EnvironmentCapabilities Capabilities => _inner.Capabilities;

    public ValueTask<long> GetHeadAsync(CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} poll (feed read, journal filing)", () => _inner.GetHeadAsync(cancellationToken));

    public ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} journal read", () => _inner.ReadChangesAsync(entitySet, afterSequence, throughSequence, origins, limit, cancellationToken));

    public ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} journal read", () => _inner.PreviousChangeAsync(entitySet, rowKey, beforeSequence, cancellationToken));

    public ValueTask<ChangeCount> CountChangesAsync(string entitySet, long afterSequence, long throughSequence, CancellationToken cancellationToken) =>
        _inner.CountChangesAsync(entitySet, afterSequence, throughSequence, cancellationToken);

    public async ValueTask<IEnvironmentTransaction> BeginTransactionAsync(string? origin, CancellationToken cancellationToken) =>
        new MeasuredTransaction(await _inner.BeginTransactionAsync(origin, cancellationToken), _clock, _side);

    public IAsyncEnumerable<KeyedRow<T>> ReadInKeyOrderAsync<T>(EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after, CancellationToken cancellationToken)
        where T : class =>
        _inner.ReadInKeyOrderAsync(descriptor, keyPaths, after, cancellationToken);

    public ValueTask<long> CountRowsAsync(string entitySet, CancellationToken cancellationToken) => _inner.CountRowsAsync(entitySet, cancellationToken);

    public ValueTask EnsureCompaniesAsync(IReadOnlyCollection<string> companyCodes, CancellationToken cancellationToken) => _inner.EnsureCompaniesAsync(companyCodes, cancellationToken);

    // The connector is the caller's to dispose.
    public void Dispose()
    {
    }
}
