using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The highest working set of this process while it is sampled (every 20 ms): the peak of the run alone, where
/// <see cref="Process.PeakWorkingSet64"/> would include the runs before it. Beside it, the two parts that can grow: the
/// managed heap (its peak size after a collection) and SQLite's native allocations (its page caches and sorter, from
/// SQLite's own high-water mark), so a working set that grows with N says where.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private long peak;
    private long managedPeak;

    private MemorySampler()
    {
        SQLitePCL.raw.sqlite3_memory_highwater(1);
        thread = new Thread(Sample) { IsBackground = true, Name = "working set sampler" };
        thread.Start();
    }

    public long Peak => Interlocked.Read(ref peak);

    public static MemorySampler Start() => new();

    /// <summary>"301 MB (42, 120 MB)": the peak working set, then the managed heap's and SQLite's peaks.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Peak / (1024 * 1024):N0} MB ({Interlocked.Read(ref managedPeak) / (1024 * 1024):N0}, {SQLitePCL.raw.sqlite3_memory_highwater(0) / (1024 * 1024):N0} MB)");

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
            Interlocked.Exchange(ref managedPeak, Math.Max(Interlocked.Read(ref managedPeak), GC.GetGCMemoryInfo().HeapSizeBytes));
            stop.Token.WaitHandle.WaitOne(20);
        }
    }
}
