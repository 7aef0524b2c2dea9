using System;
using System.Diagnostics;
using System.Threading;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>The highest working set of this process while it is sampled (every 20 ms): the peak of the run alone, where <see cref="Process.PeakWorkingSet64"/> would include the runs before it.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private long peak;

    private MemorySampler()
    {
        thread = new Thread(Sample) { IsBackground = true, Name = "working set sampler" };
        thread.Start();
    }

    public long Peak => Interlocked.Read(ref peak);

    public static MemorySampler Start() => new();

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            Interlocked.Exchange(ref peak, Math.Max(Peak, process.WorkingSet64));
            stop.Token.WaitHandle.WaitOne(20);
        }
    }
}
