using System;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace DualWrite.LocalOData.Storage;

/// <summary>One write transaction: a request, or a whole <c>$batch</c> changeset. Disposing without <see cref="Commit"/> rolls everything back.</summary>
public sealed class WriteScope : IDisposable
{
    private readonly SemaphoreSlim writerLock;
    private bool disposed;

    internal WriteScope(SqliteConnection connection, SemaphoreSlim writerLock)
    {
        this.writerLock = writerLock;
        Connection = connection;
        Transaction = connection.BeginTransaction();
    }

    /// <summary>The connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The open transaction.</summary>
    public SqliteTransaction Transaction { get; }

    /// <summary>Whether <see cref="Commit"/> ran.</summary>
    public bool Committed { get; private set; }

    /// <summary>A command in this transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Commits the transaction.</summary>
    public void Commit()
    {
        Transaction.Commit();
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
        Transaction.Dispose();
        Connection.Dispose();
        writerLock.Release();
    }
}
