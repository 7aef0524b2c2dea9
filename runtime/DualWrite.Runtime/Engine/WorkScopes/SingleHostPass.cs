using System;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>
/// A single host's pass. It reads the heads once, under the first running map's transactions: the maps run in
/// dependency order over the same changes, so a record's lookup target created before it (a vendor group, then its
/// vendor) is synced first even when both arrive between two maps' turns.
/// </summary>
internal sealed class SingleHostPass : IPassScope
{
    private readonly RuntimeContext _context;
    private (long Fo, long Dataverse)? _heads;

    public SingleHostPass(RuntimeContext context) => _context = context;

    public bool HasWork => true;

    public bool RunsStaging => true;

    public IStagingScope Staging => SingleHostStaging.Instance;

    public async ValueTask<(long Fo, long Dataverse)> HeadsAsync(CancellationToken cancellationToken) =>
        _heads ??= await ChangeLogReads.HeadsAsync(_context.Fo, _context.Dataverse, cancellationToken).ConfigureAwait(false);

    public ISideCursors CursorsOf(string map, Side side, long head) => new MapCursor(_context.State, map, side, head);

    public void Fence(StateUpdate update)
    {
    }

    /// <summary>
    /// The map's own cursor. A map without one was added after the link: like the link itself, it starts from the current head.
    /// </summary>
    private sealed class MapCursor : ISideCursors
    {
        private readonly string _map;
        private readonly Side _side;

        public MapCursor(IStateStore state, string map, Side side, long head)
        {
            _map = map;
            _side = side;
            Start = state.GetCursor(map, side) ?? head;
        }

        public long Start { get; }

        public bool Includes(string recordKey, long sequence) => true;

        public bool IncludesEvery(long sequence) => true;

        public void MoveTo(StateUpdate update, long head) => update.MoveCursor(_map, _side, Math.Max(Start, head));
    }
}
