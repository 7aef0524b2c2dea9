using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;

namespace DualWrite.Runtime.Engine;

/// <summary>
/// A tightly-coupled save whose target committed and whose source then refused at commit (over HTTP, a <c>$batch</c>
/// the service turned down): the target holds a version the source does not. The target's write is put at the head of
/// the record's queue in each map's error list, so the gap shows, later changes of the record wait behind it, and a
/// retry writes that version to the source (a discard leaves the sides apart until the record changes again).
/// </summary>
internal static class SaveGap
{
    public static void Record(RuntimeContext context, IReadOnlyList<IMapRunner> runners, Side source, object entity, Exception refusal)
    {
        var targetSide = source == Side.Fo ? Side.Dataverse : Side.Fo;
        var target = targetSide == Side.Fo ? context.Fo : context.Dataverse;
        var (sourceName, targetName) = source == Side.Fo ? ("F&O", "Dataverse") : ("Dataverse", "F&O");
        var reason = $"The save committed on {targetName}, then {sourceName} refused it ({refusal.Message}): {targetName} holds this version and {sourceName} does not. Retry writes it to {sourceName}; discard leaves the sides apart until the record changes again.";
        var head = target.GetHead();
        var update = new StateUpdate();
        using (var read = target.BeginTransaction(origin: null))
        {
            foreach (var runner in runners)
            {
                var map = runner.Map.Name;
                var recordKey = runner.RecordKeyOf(source, entity);
                var entitySet = (targetSide == Side.Fo ? runner.Map.Fo : runner.Map.Dataverse).EntitySet!;
                var written = target.ReadChanges(entitySet, context.State.GetCursor(map, targetSide) ?? 0, head)
                    .LastOrDefault(c => c.Origin == DualWriteRuntime.LiveOrigin && runner.RecordKeyOf(c, read) == recordKey);
                if (written is not null)
                {
                    // Not a record created on the target: its number was checked on the source, where the save began.
                    var carried = written with { Origin = null, Operation = written.Operation == ChangeOperation.Insert ? ChangeOperation.Update : written.Operation };
                    update.Enqueue(map, recordKey, carried, reason, SyncErrorKind.Value);
                    context.RecordFailure(map, SyncErrorKind.Value);
                    Log.ChangeFailed(context.Logger, map, recordKey, written.Operation.ToString(), targetSide, reason);
                }
            }
        }

        context.State.Apply(update);
    }
}
