using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Staging;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.WorkSharing;

namespace DualWrite.Runtime.Engine.WorkScopes;

/// <summary>
/// The partitions a host leases for one pass: it syncs only their records, from their own cursors. It reads the heads
/// per map, under that map's transactions, since its partition cursors must never pass a head another host read later.
/// </summary>
internal sealed class PartitionedPass : IPassScope
{
    private readonly RuntimeContext _context;
    private readonly string _hostId;
    private readonly HashSet<int> _held;

    public PartitionedPass(RuntimeContext context, IPartitionedStateStore store, string hostId, int partitionCount, IReadOnlyList<PartitionLease> leases)
    {
        _context = context;
        Store = store;
        _hostId = hostId;
        PartitionCount = partitionCount;
        Leases = leases;
        _held = leases.Select(l => l.Partition).ToHashSet();
    }

    public IPartitionedStateStore Store { get; }

    public int PartitionCount { get; }

    public IReadOnlyList<PartitionLease> Leases { get; }

    public bool HasWork => Leases.Count > 0;

    public bool RunsStaging => _held.Contains(0);

    public IStagingScope Staging => new PartitionZeroStaging(_hostId, this);

    public ValueTask<(long Fo, long Dataverse)> HeadsAsync(CancellationToken cancellationToken) =>
        ChangeLogReads.HeadsAsync(_context.Fo, _context.Dataverse, cancellationToken);

    /// <summary>
    /// Where each leased partition of a side stands. The map's own cursor is where the link started every partition, or
    /// where staging and replay (which handle every partition) left the map: no partition stands behind it.
    /// </summary>
    public ISideCursors CursorsOf(string map, Side side, long head)
    {
        var stored = Store.GetPartitionCursors(map, side);
        var start = _context.State.GetCursor(map, side) ?? head;
        return new HeldCursors(this, map, side, _held.ToDictionary(p => p, p => stored.TryGetValue(p, out var cursor) ? Math.Max(cursor, start) : start));
    }

    /// <summary>
    /// After the writes: a crash in between replays changes whose writes are then no-ops. A host whose lease ran out
    /// meanwhile stores nothing (<see cref="PartitionLeaseLostException"/>); the partition's new owner reads those
    /// changes again and skips the writes made here by their origin tags, as after a crash.
    /// </summary>
    public void Fence(StateUpdate update) => update.FenceWith(_hostId, Leases);

    public int PartitionOf(string map, string recordKey) => Partitions.Of(map, recordKey, PartitionCount);

    /// <summary>The held partitions' cursors: the read starts at the least advanced one and drops, per partition, what that one has dealt with.</summary>
    private sealed class HeldCursors : ISideCursors
    {
        private readonly PartitionedPass _pass;
        private readonly string _map;
        private readonly Side _side;
        private readonly Dictionary<int, long> _cursors;

        public HeldCursors(PartitionedPass pass, string map, Side side, Dictionary<int, long> cursors)
        {
            _pass = pass;
            _map = map;
            _side = side;
            _cursors = cursors;
        }

        public long Start => _cursors.Values.Min();

        public bool Includes(string recordKey, long sequence) =>
            _cursors.TryGetValue(_pass.PartitionOf(_map, recordKey), out var cursor) && sequence > cursor;

        // Whether a change is this host's depends on its record's partition.
        public bool IncludesEvery(long sequence) => false;

        public void MoveTo(StateUpdate update, long head)
        {
            foreach (var (partition, cursor) in _cursors)
            {
                update.MovePartitionCursor(_map, _side, partition, Math.Max(cursor, head));
            }
        }
    }
}
