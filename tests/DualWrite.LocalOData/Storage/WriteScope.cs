using System;
using System.Threading;
using DualWrite.Runtime.Environments.Embedded;

namespace DualWrite.LocalOData.Storage;

/// <summary>One write transaction: a request, or a whole <c>$batch</c> changeset. Disposing without <see cref="Commit"/> rolls everything back.</summary>
public sealed class WriteScope : IDisposable
{
    private readonly SemaphoreSlim writerLock;
    private bool disposed;

    internal WriteScope(EmbeddedTransaction rows, SemaphoreSlim writerLock)
    {
        this.writerLock = writerLock;
        Rows = rows;
    }

    /// <summary>Whether <see cref="Commit"/> ran.</summary>
    public bool Committed { get; private set; }

    /// <summary>The embedded environment's transaction the rows are written, logged and looked up through.</summary>
    internal EmbeddedTransaction Rows { get; }

    /// <summary>Commits the transaction.</summary>
    public void Commit()
    {
        Rows.Commit();
        Committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Rows.Dispose();
        writerLock.Release();
    }
}
