using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace DualWrite.Benchmarks.OverHttp;

/// <summary>A fresh folder under the temp directory for a run's journals and state, deleted afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dualwrite-http-bench", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool; the temporary folder is left to the system.
        }
    }
}
