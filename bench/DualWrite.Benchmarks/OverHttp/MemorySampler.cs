using System;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>
/// The highest working set of this process while it is sampled (every 20 ms): the peak of the run alone, where
/// <see cref="Process.PeakWorkingSet64"/> would include the runs before it. Beside it, the two parts that can grow: the
/// managed heap (its peak size after a collection) and SQLite's native allocations (its page caches and sorter, from
/// SQLite's own high-water mark), so a working set that grows with N says where. On Linux the working set is read from
/// <c>/proc/self/statm</c> into a stack buffer: <see cref="Process.Refresh"/> re-reads and parses several /proc files
/// and allocated per sample, about 0.6 ms of CPU each, which the client's cost per change then carried.
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
        using var statm = File.Exists("/proc/self/statm") ? File.OpenHandle("/proc/self/statm") : null;
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Exchange(ref peak, Math.Max(Peak, WorkingSet(statm, process)));
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

    // statm's second field is the resident set in pages, what Process.WorkingSet64 reports on Linux (VmRSS).
    private static long WorkingSet(SafeFileHandle? statm, Process process)
    {
        if (statm is null)
        {
            process.Refresh();
            return process.WorkingSet64;
        }

        Span<byte> text = stackalloc byte[128];
        var length = RandomAccess.Read(statm, text, 0);
        var fields = text[..length];
        var space = fields.IndexOf((byte)' ');
        return Utf8Parser.TryParse(fields[(space + 1)..], out long pages, out _) ? pages * Environment.SystemPageSize : 0;
    }
}
