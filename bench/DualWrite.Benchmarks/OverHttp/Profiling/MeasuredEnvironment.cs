using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Benchmarks.OverHttp.Profiling;

/// <summary>A connector whose calls the <see cref="StageClock"/> charges, by side and by what the engine asked for.</summary>
internal sealed class MeasuredEnvironment : ForwardingEnvironment
{
    private readonly StageClock _clock;
    private readonly string _side;

    public MeasuredEnvironment(IDualWriteEnvironment inner, StageClock clock)
        : base(inner)
    {
        _clock = clock;
        _side = inner.Side == Side.Fo ? "F&O" : "Dataverse";
    }

    public override ValueTask<long> GetHeadAsync(CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} poll (feed read, journal filing)", () => Inner.GetHeadAsync(cancellationToken));

    public override ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} journal read", () => Inner.ReadChangesAsync(entitySet, afterSequence, throughSequence, origins, limit, cancellationToken));

    public override ValueTask<ChangeRecord?> PreviousChangeAsync(string entitySet, string rowKey, long beforeSequence, CancellationToken cancellationToken) =>
        _clock.TimeAsync($"{_side} journal read", () => Inner.PreviousChangeAsync(entitySet, rowKey, beforeSequence, cancellationToken));

    protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => new MeasuredTransaction(inner, _clock, _side);

    // The connector is the caller's to dispose.
    protected override void Dispose(bool disposing)
    {
    }
}
