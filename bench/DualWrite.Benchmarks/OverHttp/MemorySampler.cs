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
    private long gen2Peak;
    private long largePeak;
    private readonly int gen2Collections = GC.CollectionCount(2);

    private MemorySampler()
    {
        SQLitePCL.raw.sqlite3_memory_highwater(1);
        thread = new Thread(Sample) { IsBackground = true, Name = "working set sampler" };
        thread.Start();
    }

    public long Peak => Interlocked.Read(ref peak);

    public static MemorySampler Start() => new();

    /// <summary>
    /// "301 MB (managed 42: gen2 30, LOH 8, 3 full GCs; SQLite 12 MB)": the peak working set, then the managed heap's
    /// peak with its oldest generation's and large objects' peaks and the full collections meanwhile, and SQLite's peak.
    /// </summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Megabytes(Peak)} MB (managed {Megabytes(managedPeak)}: gen2 {Megabytes(gen2Peak)}, LOH {Megabytes(largePeak)}, {GC.CollectionCount(2) - gen2Collections} full GCs; SQLite {Megabytes(SQLitePCL.raw.sqlite3_memory_highwater(0))} MB)");

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);

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
            var info = GC.GetGCMemoryInfo();
            Interlocked.Exchange(ref managedPeak, Math.Max(Interlocked.Read(ref managedPeak), info.HeapSizeBytes));
            if (info.GenerationInfo.Length > 3)
            {
                Interlocked.Exchange(ref gen2Peak, Math.Max(Interlocked.Read(ref gen2Peak), info.GenerationInfo[2].SizeAfterBytes));
                Interlocked.Exchange(ref largePeak, Math.Max(Interlocked.Read(ref largePeak), info.GenerationInfo[3].SizeAfterBytes));
            }

            stop.Token.WaitHandle.WaitOne(20);
        }
    }
}
