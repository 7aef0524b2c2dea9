using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Pacing;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.OData.Writes;

/// <summary>
/// Sends a transaction's writes in their order: runs of creates or unconditional updates to one Dataverse table as bulk
/// messages of <see cref="BulkSender.ChunkSize"/> targets, everything else as <c>$batch</c> changesets. Both are
/// all-or-nothing, so when the service refuses one (a 4xx), the request is split in halves, sent in order, until each
/// refused write stands alone: only it is refused (<see cref="WriteOperation.Refusal"/>), with the later writes of its row,
/// and the rest are applied in order. The writes of one change (one origin) are never split, so a change, or a coupled
/// save, stays all or nothing. Writes go in lanes side by side (<see cref="Lanes"/>: one row's writes in one lane), as many
/// as the service recommends (<c>x-ms-dop-hint</c>) up to <c>MaxParallelRequests</c>; one lane when it names none. A failed precondition (412: a row changed or created by someone else since it was read) is
/// no refusal of the record: it fails the commit, and the pass that runs again reads the row anew.
/// </summary>
internal sealed class CommitSender
{
    // A short run costs one request either way, and a changeset's answers carry the written rows, which lets the
    // journal recognise them when the change feed reports them back; bulk answers carry ids only.
    private const int MinimumBulkRun = 10;

    private readonly BatchSender _batch;
    private readonly BulkSender? _bulk;
    private readonly ServiceGate _gate;
    private readonly int _maxLanes;
    private readonly ILogger _logger;

    public CommitSender(BatchSender batch, BulkSender? bulk, ServiceGate gate, int maxLanes, ILogger logger)
    {
        _batch = batch;
        _bulk = bulk;
        _gate = gate;
        _maxLanes = maxLanes;
        _logger = logger;
    }

    /// <summary>Sends the writes; refused ones are marked, the others applied. Service failures (5xx, lost service) propagate.</summary>
    public async Task SendAsync(IReadOnlyList<WriteOperation> operations, CancellationToken cancellationToken)
    {
        var degree = Math.Min(_maxLanes, _gate.DegreeOfParallelismHint ?? 1);
        var block = _bulk is not null && operations.Count > 0 && _bulk.Fits(operations[0]) ? _bulk.ChunkSize : _batch.MaxOperations;
        var lanes = Lanes.Deal(Units(operations), Math.Max(1, degree), block);
        await Task.WhenAll(lanes.Select(lane => SendLaneAsync(lane, cancellationToken))).ConfigureAwait(false);
    }

    private async Task SendLaneAsync(List<List<WriteOperation>> units, CancellationToken cancellationToken)
    {
        var refusedRows = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (request, bulk) in Requests(units))
        {
            await SendIsolatingAsync(request, bulk, refusedRows, cancellationToken).ConfigureAwait(false);
        }
    }

    // The writes of one origin, in order: what must apply or fail together.
    private static List<List<WriteOperation>> Units(IReadOnlyList<WriteOperation> operations)
    {
        var units = new List<List<WriteOperation>>();
        foreach (var operation in operations)
        {
            if (units.Count > 0 && units[^1][0].Origin is { } origin && origin == operation.Origin)
            {
                units[^1].Add(operation);
            }
            else
            {
                units.Add(new List<WriteOperation> { operation });
            }
        }

        return units;
    }

    // Consecutive units cut into requests: bulk runs (single writes of one kind to one table, each row once), else changesets.
    private IEnumerable<(List<List<WriteOperation>> Units, bool Bulk)> Requests(List<List<WriteOperation>> units)
    {
        var i = 0;
        while (i < units.Count)
        {
            var run = BulkRun(units, i);
            if (run.Count >= MinimumBulkRun)
            {
                for (var start = 0; start < run.Count; start += _bulk!.ChunkSize)
                {
                    yield return (run.Skip(start).Take(_bulk!.ChunkSize).ToList(), true);
                }

                i += run.Count;
                continue;
            }

            var changeset = new List<List<WriteOperation>>();
            var size = 0;
            while (i < units.Count && (changeset.Count == 0 || size + units[i].Count <= _batch.MaxOperations) && (changeset.Count == 0 || BulkRun(units, i).Count < MinimumBulkRun))
            {
                size += units[i].Count;
                changeset.Add(units[i++]);
            }

            yield return (changeset, false);
        }
    }

    private List<List<WriteOperation>> BulkRun(List<List<WriteOperation>> units, int from)
    {
        var run = new List<List<WriteOperation>>();
        if (_bulk is null)
        {
            return run;
        }

        var rows = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var first = units[from][0];
        for (var i = from; i < units.Count; i++)
        {
            var unit = units[i];
            var operation = unit[0];
            if (unit.Count != 1 || !_bulk.Fits(operation) || operation.EntitySet != first.EntitySet || operation.Kind != first.Kind
                || (operation.RowUrl is { } row && !rows.Add(row.AbsoluteUri)))
            {
                break;
            }

            run.Add(unit);
        }

        return run;
    }

    private async Task SendIsolatingAsync(List<List<WriteOperation>> units, bool bulk, HashSet<string> refusedRows, CancellationToken cancellationToken)
    {
        // A row whose earlier write was refused takes no later one: its changes stay in order behind the refused one.
        var blocked = units.Where(u => u.Any(o => o.RowUrl is { } row && refusedRows.Contains(row.AbsoluteUri))).ToList();
        foreach (var unit in blocked)
        {
            Refuse(unit, "An earlier write of the same row was refused in this commit.", refusedRows);
        }

        var sendable = units.Except(blocked).ToList();
        if (sendable.Count == 0)
        {
            return;
        }

        try
        {
            var operations = sendable.SelectMany(u => u).ToList();
            if (!bulk || !await _bulk!.TrySendAsync(operations, cancellationToken).ConfigureAwait(false))
            {
                await SendChangesetsAsync(operations, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (EnvironmentWriteException exception) when (exception.Data[Payloads.ODataService.StatusKey] is not 412)
        {
            if (sendable.Count == 1)
            {
                Log(sendable[0], exception.Message);
                Refuse(sendable[0], exception.Message, refusedRows);
                return;
            }

            var half = sendable.Count / 2;
            await SendIsolatingAsync(sendable.Take(half).ToList(), bulk, refusedRows, cancellationToken).ConfigureAwait(false);
            await SendIsolatingAsync(sendable.Skip(half).ToList(), bulk, refusedRows, cancellationToken).ConfigureAwait(false);
        }
    }

    // One unit larger than a changeset is sent in several, as it always was.
    private async Task SendChangesetsAsync(List<WriteOperation> operations, CancellationToken cancellationToken)
    {
        for (var start = 0; start < operations.Count; start += _batch.MaxOperations)
        {
            await _batch.SendChangesetAsync(operations.Skip(start).Take(_batch.MaxOperations).ToList(), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Log(List<WriteOperation> unit, string reason) =>
        Http.Log.WriteIsolated(_logger, string.Join(", ", unit.Select(o => $"{o.Method} {o.Url.PathAndQuery}")), reason);

    private static void Refuse(List<WriteOperation> unit, string reason, HashSet<string> refusedRows)
    {
        foreach (var operation in unit)
        {
            operation.Refusal = reason;
            if (operation.RowUrl is { } row)
            {
                refusedRows.Add(row.AbsoluteUri);
            }
        }
    }
}
