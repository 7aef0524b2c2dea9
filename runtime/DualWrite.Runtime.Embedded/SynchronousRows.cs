using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DualWrite.Runtime.Environments.Embedded;

/// <summary>Rows read synchronously (from a local file), handed out as an asynchronous stream whose every step is complete.</summary>
internal sealed class SynchronousRows<T> : IAsyncEnumerable<T>
{
    private readonly IEnumerable<T> _rows;

    public SynchronousRows(IEnumerable<T> rows) => _rows = rows;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(_rows.GetEnumerator(), cancellationToken);

    private sealed class Enumerator : IAsyncEnumerator<T>
    {
        private readonly IEnumerator<T> _rows;
        private readonly CancellationToken _cancellationToken;

        public Enumerator(IEnumerator<T> rows, CancellationToken cancellationToken)
        {
            _rows = rows;
            _cancellationToken = cancellationToken;
        }

        public T Current => _rows.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            return new(_rows.MoveNext());
        }

        public ValueTask DisposeAsync()
        {
            _rows.Dispose();
            return default;
        }
    }
}
