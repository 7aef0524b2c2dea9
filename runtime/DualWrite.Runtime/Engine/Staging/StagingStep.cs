using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Staging;

/// <summary>
/// Moves a map's changes from the change logs into its staging queue. Each chunk of change-log positions is staged
/// and the cursor moved in one state-store transaction, so a change is staged exactly once and memory holds one chunk.
/// </summary>
internal sealed class StagingStep
{
    private readonly RuntimeContext _context;
    private readonly int _chunkSize;

    public StagingStep(RuntimeContext context, int chunkSize)
    {
        _context = context;
        _chunkSize = chunkSize;
    }

    /// <summary>
    /// Stages <paramref name="side"/>'s changes up to its current head, chunk by chunk, each in a transaction of its own
    /// on the source (released between chunks, so writers are not held up) and committed through <paramref name="scope"/>.
    /// </summary>
    public async ValueTask StageToHeadAsync(IMapRunner runner, Side side, SyncResult result, IStagingScope scope, CancellationToken cancellationToken)
    {
        var map = runner.Map.Name;
        var environment = Environment(side);
        var head = await environment.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var stored = _context.State.GetCursor(map, side);
        if (stored is null)
        {
            // A map without a cursor was added after the link: like the link itself, it starts from the current head.
            var start = _context.NewUpdate();
            start.MoveCursor(map, side, head);
            scope.Commit(_context.State, start);
        }

        var cursor = scope.Cursors(map, side, stored ?? head).Start;
        while (cursor < head)
        {
            var through = cursor + Math.Min(_chunkSize, head - cursor);
            var update = _context.NewUpdate();
            var chunk = new SyncResult();
            using (var transaction = await environment.BeginTransactionAsync(origin: null, cancellationToken).ConfigureAwait(false))
            {
                // The partitions' cursors are read again under the source's write lock: a live pass another host began
                // before the pause has committed its target writes by now, and its cursors follow them within moments.
                await StageAsync(runner, side, transaction, cursor, through, scope.Cursors(map, side, cursor), update, chunk, cancellationToken).ConfigureAwait(false);
            }

            update.MoveCursor(map, side, through);
            scope.Commit(_context.State, update);
            result.Add(chunk);
            cursor = through;
        }
    }

    /// <summary>
    /// Stages <paramref name="side"/>'s changes after <paramref name="after"/> through <paramref name="through"/> into
    /// <paramref name="update"/>, reading rows through <paramref name="transaction"/>. The map's own writes are not
    /// staged; one found while its source change still waits in the queue means a replay's writes committed and the
    /// state store's did not (a crash): that change and what it superseded leave the queue, so nothing is applied twice.
    /// Nor are changes that <paramref name="dealtWith"/> says their partition's live passes dealt with.
    /// </summary>
    public async ValueTask StageAsync(IMapRunner runner, Side side, IEnvironmentTransaction transaction, long after, long through, DealtWith dealtWith, StateUpdate update, SyncResult result, CancellationToken cancellationToken)
    {
        var map = runner.Map.Name;
        var reads = runner.ReadsFrom(side);
        var entitySet = SideRules.EntitySetOf(runner.Map, side);
        var changes = await ChangeLogReads.ReadAllAsync(Environment(side), entitySet, after, through, cancellationToken).ConfigureAwait(false);
        List<(ChangeRecord Write, long Source)>? ownWrites = null;
        foreach (var change in changes)
        {
            if (change.IsFromRuntime)
            {
                if (OriginTag.TryParse(map, change.Origin, out var source))
                {
                    (ownWrites ??= new()).Add((change, source));
                }

                continue;
            }

            if (reads)
            {
                var recordKey = await runner.RecordKeyOfAsync(change, transaction, cancellationToken).ConfigureAwait(false);
                if (!dealtWith.Includes(map, recordKey, change.Sequence))
                {
                    update.Stage(map, recordKey, change);
                    result.Staged++;
                }
            }
        }

        result.Read += reads ? changes.Count : 0;
        if (ownWrites is not null)
        {
            Unstage(map, side, ownWrites, update);
        }
    }

    private void Unstage(string map, Side target, List<(ChangeRecord Write, long Source)> writes, StateUpdate update)
    {
        var source = SideRules.Other(target);
        var writeBySource = new Dictionary<long, ChangeRecord>();
        foreach (var (write, sequence) in writes)
        {
            writeBySource[sequence] = write;
        }

        var applied = _context.State.FindStaged(map, source, writes.Min(w => w.Source), writes.Max(w => w.Source))
            .Where(s => writeBySource.ContainsKey(s.Change.Sequence))
            .ToList();
        var removed = new HashSet<long>();
        foreach (var staged in applied)
        {
            var write = writeBySource[staged.Change.Sequence];
            foreach (var other in _context.State.GetStagedRecord(map, staged.RecordKey))
            {
                // The record's earlier changes of the source were applied (or settled) before this one; its changes on the
                // target made before the write were overwritten by it, as a conflict settled for the source.
                var done = (other.Change.Side == source && other.Change.Sequence <= staged.Change.Sequence)
                    || (other.Change.Side == target && other.Change.Sequence < write.Sequence);
                if (done && removed.Add(other.Id))
                {
                    update.Unstage(other.Id);
                }
            }
        }
    }

    private IDualWriteEnvironment Environment(Side side) => _context.Environment(side);
}
