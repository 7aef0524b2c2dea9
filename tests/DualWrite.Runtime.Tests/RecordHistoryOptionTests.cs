using System;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// The records' history costs a state-store row per change, so the runtime keeps it only when asked
/// (DualWriteRuntimeOptions.RecordHistory, which the operations page turns on); the page's browser tests cover it on.
/// </summary>
public sealed class RecordHistoryOptionTests
{
    private static readonly ChangeRecord Change = new(8, Side.Fo, "CustomersV3", ChangeOperation.Insert, "USMF|C-2", "{}", null, DateTimeOffset.UtcNow);

    [Fact]
    public void An_update_keeps_what_became_of_each_change_by_default()
    {
        var update = Fill(new StateUpdate());

        Assert.Equal(
            new[] { RecordEventKind.Staged, RecordEventKind.Refused, RecordEventKind.Applied },
            update.History.Select(entry => entry.Kind));
    }

    [Fact]
    public void An_update_that_keeps_no_history_still_stages_and_parks_but_records_nothing()
    {
        var update = Fill(new StateUpdate { KeepsHistory = false });

        Assert.Empty(update.History);
        Assert.Single(update.Enqueued);
        Assert.False(update.IsEmpty);
    }

    [Fact]
    public void The_runtime_keeps_no_history_unless_asked()
    {
        Assert.False(new Engine.DualWriteRuntimeOptions().RecordHistory);
    }

    private static StateUpdate Fill(StateUpdate update)
    {
        update.Stage("Customers", "USMF|C-2", Change);
        update.Enqueue("Customers", "USMF|C-2", Change, "refused by the target");
        update.Record("Customers", "USMF|C-2", RecordEventKind.Applied, Change);
        return update;
    }
}
