using System.Diagnostics;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;

namespace DualWrite.Benchmarks.Hosts;

/// <summary>
/// An environment that times its write transactions. A pass opens F&amp;O's first and closes it last, so timing F&amp;O's
/// transactions gives how long each pass held the write locks that serialize all hosts' passes. Everything else, the
/// capabilities included, is the inner environment's, so the engine takes the path it takes in production.
/// </summary>
internal sealed class TimedEnvironment : ForwardingEnvironment
{
    private readonly Timings? _timings;

    /// <param name="inner">The environment.</param>
    /// <param name="timings">Where to add the time its transactions are open; null to time nothing.</param>
    public TimedEnvironment(IDualWriteEnvironment inner, Timings? timings)
        : base(inner) => _timings = timings;

    // Timed from the moment the lock is taken: waiting for another host's pass to end is not holding it.
    protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) =>
        _timings is null ? inner : new TimedTransaction(inner, _timings, Stopwatch.GetTimestamp());

    private sealed class TimedTransaction : ForwardingTransaction
    {
        private readonly Timings _timings;
        private readonly long _started;

        public TimedTransaction(IEnvironmentTransaction inner, Timings timings, long started)
            : base(inner)
        {
            _timings = timings;
            _started = started;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _timings.AddLockHeld(Stopwatch.GetTimestamp() - _started);
        }
    }
}
