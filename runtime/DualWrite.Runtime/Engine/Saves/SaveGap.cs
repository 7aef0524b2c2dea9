using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine.Sides;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine.Saves;

/// <summary>
/// A tightly-coupled save whose target committed and whose source then refused at commit (over HTTP, a <c>$batch</c>
/// the service turned down): the target holds a version the source does not. The target's write is put at the head of
/// the record's queue in each map's error list, so the gap shows, later changes of the record wait behind it, and a
/// retry writes that version to the source (a discard leaves the sides apart until the record changes again).
/// </summary>
internal static class SaveGap
{
    public static async ValueTask RecordAsync(RuntimeContext context, IReadOnlyList<IMapRunner> runners, Side source, object entity, Exception refusal, CancellationToken cancellationToken)
    {
        var targetSide = SideRules.Other(source);
        var target = context.Environment(targetSide);
        var (sourceName, targetName) = (SideRules.Name(source), SideRules.Name(targetSide));
        var reason = $"The save committed on {targetName}, then {sourceName} refused it ({refusal.Message}): {targetName} holds this version and {sourceName} does not. Retry writes it to {sourceName}; discard leaves the sides apart until the record changes again.";
        var head = await target.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var update = context.NewUpdate();
        using (var read = await target.BeginTransactionAsync(origin: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var runner in runners)
            {
                var map = runner.Map.Name;
                var recordKey = runner.RecordKeyOf(source, entity);
                var entitySet = SideRules.EntitySetOf(runner.Map, targetSide);
                var changes = await ChangeLogReads.ReadAllAsync(target, entitySet, context.State.GetCursor(map, targetSide) ?? 0, head, cancellationToken).ConfigureAwait(false);
                ChangeRecord? written = null;
                foreach (var change in changes)
                {
                    if (change.Origin == CoupledSaves.LiveOrigin && await runner.RecordKeyOfAsync(change, read, cancellationToken).ConfigureAwait(false) == recordKey)
                    {
                        written = change;
                    }
                }

                if (written is not null)
                {
                    // Not a record created on the target: its number was checked on the source, where the save began.
                    var carried = written with { Origin = null, Operation = written.Operation == ChangeOperation.Insert ? ChangeOperation.Update : written.Operation };
                    update.Enqueue(map, recordKey, carried, reason, SyncErrorKind.Value);
                    context.Failures.Record(map, SyncErrorKind.Value);
                    Log.ChangeFailed(context.Logger, map, recordKey, written.Operation.ToString(), targetSide, reason);
                }
            }
        }

        context.State.Apply(update);
    }
}
