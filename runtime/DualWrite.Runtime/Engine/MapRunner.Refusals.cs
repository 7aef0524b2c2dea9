using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// Writes the target refused one by one when the pass committed: each refused change is parked in the error list in the
/// same pass, as a failed apply would have been, and its record's later changes of the pass wait behind it.
/// </summary>
internal sealed partial class MapRunner<TFo, TDataverse>
{
    // The changes the current pass applied, in order, with what they were counted as: what a refusal at commit takes back.
    private readonly List<(Item Item, ApplyOutcome Outcome)> _applied = new();

    public void ParkRefused(Side target, IReadOnlyList<RefusedWrite> refused, StateUpdate update, SyncResult result)
    {
        var source = SideRules.Other(target);
        var reasons = new Dictionary<long, string>();
        foreach (var refusal in refused)
        {
            var sequence = AppliedSequence(refusal.Origin);
            if (sequence == 0 || !_applied.Exists(a => a.Item.Change.Side == source && a.Item.Change.Sequence == sequence))
            {
                throw new EnvironmentWriteException($"{SideRules.Name(target)} refused a write this pass of {Name} did not make ({refusal.Origin}): {refusal.Reason}");
            }

            reasons.TryAdd(sequence, refusal.Reason);
        }

        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in _applied.Where(a => a.Item.Change.Side == source).GroupBy(a => a.Item.RecordKey, StringComparer.Ordinal))
        {
            var applied = record.ToList();
            var first = applied.FindIndex(a => reasons.ContainsKey(a.Item.Change.Sequence));
            if (first < 0)
            {
                continue;
            }

            foreach (var (_, outcome) in applied.Skip(first))
            {
                Uncount(outcome, result);
            }

            var items = applied.ConvertAll(a => a.Item);
            Fail(record.Key, items, first, reasons[items[first].Change.Sequence], SyncErrorKind.Value, blocked, update, result);
        }
    }

    private void BeginPassWrites() => _applied.Clear();

    private void Applied(Item item, ApplyOutcome outcome) => _applied.Add((item, outcome));

    private static void Uncount(ApplyOutcome outcome, SyncResult result)
    {
        switch (outcome)
        {
            case ApplyOutcome.Written:
                result.Synced--;
                break;
            case ApplyOutcome.Unchanged:
                result.Unchanged--;
                break;
            default:
                result.Skipped--;
                break;
        }
    }
}
