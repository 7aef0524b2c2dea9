using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.State.Sql;

/// <summary>
/// A write statement prepared once in a transaction and run again and again with new values, each bound by its
/// position among the parameter names it was prepared with; a value not bound again keeps the one bound last.
/// Made by <see cref="SqlDialect.PrepareWrite"/>: the journal files several rows per change through one.
/// </summary>
internal abstract class PreparedWrite : IAsyncDisposable
{
    /// <summary>Binds the parameter at <paramref name="position"/> (from 0) of the names the statement was prepared with.</summary>
    public abstract void Bind(int position, object? value);

    /// <summary>Runs the statement with the values bound.</summary>
    public abstract Task ExecuteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
