using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.Link;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// Every member of <see cref="IStateStore"/> and <see cref="IInitialSyncStore"/>, over SQLite and PostgreSQL alike, so the
/// two stores cannot drift apart. Moments are whole microseconds, the finest PostgreSQL keeps.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StateStoreContractTests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 26, 8, 30, 15, 123, 456, TimeSpan.Zero);

    private readonly PostgresCluster _cluster;

    public StateStoreContractTests(PostgresCluster cluster) => _cluster = cluster;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void The_link_is_stored_replaced_and_removed_and_outlives_a_reopen(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        Assert.Null(subject.Store.GetLink());

        subject.Store.SetLink(new EnvironmentLink("fo-1", "dv-1", new[] { "USMF" }, Moment));
        subject.Store.SetLink(new EnvironmentLink("fo-2", "dv-2", new[] { "USMF", "DEMF" }, Moment.AddHours(1)));
        var link = subject.Reopen().GetLink()!;

        Assert.Equal(("fo-2", "dv-2", Moment.AddHours(1)), (link.FoEnvironmentId, link.DataverseEnvironmentId, link.LinkedAt));
        Assert.Equal(new[] { "USMF", "DEMF" }, link.Companies);
        subject.Store.SetLink(null);
        Assert.Null(subject.Store.GetLink());
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void The_first_link_clears_the_state_and_starts_the_cursors_and_a_later_one_changes_nothing(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        subject.Store.SetMapState("Customers", MapState.Paused);
        var start = new StateUpdate();
        start.MoveCursor("Customers", Side.Fo, 7);
        start.MoveCursor("Customers", Side.Dataverse, 9);

        Assert.Null(subject.Store.LinkIfUnlinked(new EnvironmentLink("fo-1", "dv-1", new[] { "USMF" }, Moment), start));
        var later = new StateUpdate();
        later.MoveCursor("Customers", Side.Fo, 70);
        var kept = subject.Store.LinkIfUnlinked(new EnvironmentLink("fo-2", "dv-2", new[] { "DEMF" }, Moment.AddHours(1)), later);

        Assert.Equal(("fo-1", "dv-1", Moment), (kept!.FoEnvironmentId, kept.DataverseEnvironmentId, kept.LinkedAt));
        Assert.Equal("fo-1", subject.Reopen().GetLink()!.FoEnvironmentId);
        Assert.Equal(MapState.Running, subject.Store.GetMapState("Customers"));
        Assert.Equal((7L, 9L), (subject.Store.GetCursor("Customers", Side.Fo), subject.Store.GetCursor("Customers", Side.Dataverse)));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void A_stop_reason_outlives_a_reopen_and_goes_when_the_map_runs_again(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var stopped = new MapStopReason("host preflight: Dataverse: The column name of accounts is gone", Moment);
        Assert.Null(subject.Store.GetStopReason("Customers"));

        subject.Store.SetMapState("Customers", MapState.Stopped);
        subject.Store.SetStopReason("Customers", stopped);
        subject.Store.SetStopReason("Vendors", stopped);
        subject.Store.SetMapState("Customers", MapState.Stopped);
        var reopened = subject.Reopen();

        Assert.Equal(stopped, reopened.GetStopReason("Customers"));
        Assert.Equal((MapState.Stopped, MapState.Running), (reopened.GetMapState("Customers"), reopened.GetMapState("Vendors")));
        reopened.SetMapState("Customers", MapState.Running);
        reopened.SetStopReason("Vendors", null);
        Assert.Equal((null, null), (reopened.GetStopReason("Customers"), reopened.GetStopReason("Vendors")));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void A_map_runs_until_its_state_is_set(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        Assert.Equal(MapState.Running, subject.Store.GetMapState("Customers"));

        subject.Store.SetMapState("Customers", MapState.Paused);
        Assert.Equal((MapState.Paused, MapState.Running), (subject.Store.GetMapState("Customers"), subject.Store.GetMapState("Vendors")));
        subject.Store.SetMapState("Customers", MapState.Running);
        Assert.Equal(MapState.Running, subject.Store.GetMapState("Customers"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Cursors_move_and_are_listed_in_the_order_they_were_first_set(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        Assert.Null(subject.Store.GetCursor("Customers", Side.Fo));

        var first = new StateUpdate();
        first.MoveCursor("Vendors", Side.Fo, 3);
        first.MoveCursor("Customers", Side.Fo, 5);
        first.MoveCursor("Customers", Side.Dataverse, 7);
        subject.Store.Apply(first);
        var second = new StateUpdate();
        second.MoveCursor("Vendors", Side.Fo, 11);
        subject.Store.Apply(second);

        Assert.Equal(5, subject.Store.GetCursor("Customers", Side.Fo));
        Assert.Equal(
            new[] { new CursorMove("Vendors", Side.Fo, 11), new CursorMove("Customers", Side.Fo, 5), new CursorMove("Customers", Side.Dataverse, 7) },
            subject.Store.GetCursors());
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void A_failed_change_heads_its_record_queue_and_the_error_list_counts_what_waits_behind_it(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = subject.Store;
        var update = new StateUpdate();
        update.Enqueue("Customers", "USMF|US0001", Change(10, Side.Fo, origin: null), "lookup missing");
        update.Enqueue("Customers", "USMF|US0001", Change(12, Side.Fo, origin: "dualwrite:live"), reason: null);
        update.Enqueue("Customers", "USMF|US0001", Change(4, Side.Dataverse, origin: null), reason: null);
        update.Enqueue("Vendors", "USMF|V1", Change(13, Side.Fo, origin: null), "too long");
        store.Apply(update);

        var queue = store.GetRecordQueue("Customers", "USMF|US0001");
        Assert.Equal(new long[] { 10, 12, 4 }, queue.Select(p => p.Change.Sequence));
        Assert.Equal(Change(12, Side.Fo, origin: "dualwrite:live"), queue[1].Change);
        Assert.Equal(("lookup missing", (string?)null), (queue[0].Reason, queue[1].Reason));
        Assert.NotNull(queue[0].FailedAt);
        Assert.Equal(new[] { "USMF|US0001" }, store.GetBlockedRecords("Customers"));
        Assert.Empty(store.GetBlockedRecords("Products"));
        var errors = store.GetErrors();
        Assert.Equal(new[] { ("Customers", "USMF|US0001", 2), ("Vendors", "USMF|V1", 0) }, errors.Select(e => (e.Map, e.RecordKey, e.WaitingChanges)));
        Assert.Equal((Side.Fo, ChangeOperation.Update, "{\"name\":\"v10\"}", "lookup missing"), (errors[0].Side, errors[0].Operation, errors[0].Payload, errors[0].Reason));
        Assert.Equal(queue[2], store.GetPendingChange(queue[2].Id));
        Assert.Null(store.GetPendingChange(queue[2].Id + 1_000));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Removing_the_head_and_failing_the_next_entry_moves_the_error_to_it(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = subject.Store;
        var enqueue = new StateUpdate();
        enqueue.Enqueue("Customers", "USMF|US0001", Change(10, Side.Fo, origin: null), "first reason");
        enqueue.Enqueue("Customers", "USMF|US0001", Change(11, Side.Fo, origin: null), reason: null);
        store.Apply(enqueue);
        var queue = store.GetRecordQueue("Customers", "USMF|US0001");

        var drain = new StateUpdate();
        drain.Remove(queue[0].Id);
        drain.Fail(queue[1].Id, "second reason");
        store.Apply(drain);

        var error = Assert.Single(store.GetErrors());
        Assert.Equal((queue[1].Id, "second reason", 0), (error.Id, error.Reason, error.WaitingChanges));
        var last = new StateUpdate();
        last.Remove(error.Id);
        store.Apply(last);
        Assert.Empty(store.GetErrors());
        Assert.Empty(store.GetBlockedRecords("Customers"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void An_update_that_fails_midway_stores_nothing(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var update = new StateUpdate();
        update.MoveCursor("Customers", Side.Fo, 5);
        update.Enqueue("Customers", "USMF|US0001", Change(1, Side.Fo, origin: null), "reason");
        update.Enqueue(null!, "USMF|US0002", Change(2, Side.Fo, origin: null), reason: null);

        Assert.ThrowsAny<Exception>(() => subject.Store.Apply(update));

        Assert.Null(subject.Store.GetCursor("Customers", Side.Fo));
        Assert.Empty(subject.Store.GetErrors());
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Reset_clears_map_states_cursors_and_queues_and_keeps_the_link(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = subject.Store;
        store.SetLink(new EnvironmentLink("fo", "dv", new[] { "USMF" }, Moment));
        store.SetMapState("Customers", MapState.Paused);
        var update = new StateUpdate();
        update.MoveCursor("Customers", Side.Fo, 5);
        update.Enqueue("Customers", "USMF|US0001", Change(1, Side.Fo, origin: null), "reason");
        store.Apply(update);

        store.Reset();

        Assert.Equal(MapState.Running, store.GetMapState("Customers"));
        Assert.Empty(store.GetCursors());
        Assert.Empty(store.GetErrors());
        Assert.Equal("fo", store.GetLink()!.FoEnvironmentId);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Initial_sync_runs_checkpoints_and_errors_round_trip(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = Assert.IsAssignableFrom<IInitialSyncStore>(subject.Store);
        var steps = new[] { new InitialSyncStep("CustomerGroups", InitialSyncPass.All, false), new InitialSyncStep("Customers", InitialSyncPass.All, true) };
        store.CreateRun(new InitialSyncRun("run-1", Side.Fo, steps, InitialSyncRunStatus.Running, Moment, null));
        store.CreateRun(new InitialSyncRun("run-2", Side.Dataverse, steps, InitialSyncRunStatus.Running, Moment.AddMinutes(1), null));
        store.SetRunStatus("run-1", InitialSyncRunStatus.CompletedWithErrors);

        var counts = new InitialSyncCounts { FoRead = 1, DataverseRead = 2, Inserted = 3, Updated = 4, Unchanged = 5, Skipped = 6, Failed = 7 };
        var key = new IntegrationKey("USMF", "US0001");
        store.SaveCheckpoint(new InitialSyncCheckpoint("run-1", "Customers", InitialSyncPass.All, InitialSyncStepStatus.Running, new[] { "USMF", "US0001" }, counts), new[]
        {
            new InitialSyncFailure("Customers", InitialSyncPass.All, Side.Fo, key, "{\"row\":1}", "too long"),
            new InitialSyncFailure("Customers", InitialSyncPass.All, Side.Dataverse, new IntegrationKey("USMF", "US0002"), "{\"row\":2}", "value map"),
        });
        counts.Inserted = 30;
        store.SaveCheckpoint(new InitialSyncCheckpoint("run-1", "Customers", InitialSyncPass.All, InitialSyncStepStatus.Completed, null, counts), Array.Empty<InitialSyncFailure>());

        Assert.Equal(new[] { "run-2", "run-1" }, store.GetRuns().Select(r => r.Id));
        var run = store.GetRun("run-1")!;
        Assert.Equal((Side.Fo, InitialSyncRunStatus.CompletedWithErrors, Moment), (run.Master, run.Status, run.StartedAt));
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(steps, run.Steps);
        Assert.Null(store.GetRun("run-3"));
        var checkpoint = store.GetCheckpoint("run-1", "Customers", InitialSyncPass.All)!;
        Assert.Equal((InitialSyncStepStatus.Completed, (object?)null, 30L, 7L), (checkpoint.Status, (object?)checkpoint.LastKey, checkpoint.Counts.Inserted, checkpoint.Counts.Failed));
        Assert.Null(store.GetCheckpoint("run-1", "Vendors", InitialSyncPass.All));

        var errors = store.GetErrors("run-1");
        Assert.Equal(new[] { ("too long", Side.Fo, false), ("value map", Side.Dataverse, false) }, errors.Select(e => (e.Reason, e.SourceSide, e.Skipped)));
        Assert.Equal(key, store.GetErrorKey(errors[0].Id));
        store.UpdateError(errors[0].Id, "still too long");
        store.RemoveError(errors[1].Id);
        store.SkipErrors("run-1");
        Assert.Equal(new[] { ("still too long", true) }, store.GetErrors("run-1").Select(e => (e.Reason, e.Skipped)));
        Assert.Throws<ArgumentException>(() => store.GetErrorKey(errors[1].Id));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Initial_sync_counts_per_company_are_kept_with_each_checkpoint_and_read_back_with_it(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = Assert.IsAssignableFrom<IInitialSyncStore>(subject.Store);
        store.CreateRun(new InitialSyncRun("run-1", Side.Fo, [new InitialSyncStep("Customers", InitialSyncPass.All, false)], InitialSyncRunStatus.Running, Moment, null));
        var counts = new InitialSyncCounts { FoRead = 3, Inserted = 2, Failed = 1 };
        (counts.Company("USMF").Read, counts.Company("USMF").Written) = (2, 2);
        (counts.Company("DEMF").Read, counts.Company("DEMF").Failed) = (1, 1);
        var failure = new InitialSyncFailure("Customers", InitialSyncPass.All, Side.Fo, new IntegrationKey("DEMF", "DE1"), "{}", "refused");
        store.SaveCheckpoint(new InitialSyncCheckpoint("run-1", "Customers", InitialSyncPass.All, InitialSyncStepStatus.Running, ["USMF", "US2"], counts), [failure]);

        // The next batch's checkpoint replaces the figures it carries on, and adds a company met since.
        counts.Company("USMF").Read = 5;
        counts.Company("usmf").Written = 4;
        counts.Company("").Read = 1;
        store.SaveCheckpoint(new InitialSyncCheckpoint("run-1", "Customers", InitialSyncPass.All, InitialSyncStepStatus.Completed, null, counts), []);

        var read = subject.Reopen() is IInitialSyncStore reopened ? reopened.GetCheckpoint("run-1", "Customers", InitialSyncPass.All)!.Counts : throw new InvalidOperationException();
        Assert.Equal(
            new Dictionary<string, (long, long, long)> { ["USMF"] = (5, 4, 0), ["DEMF"] = (1, 0, 1), [""] = (1, 0, 0) },
            read.Companies.ToDictionary(c => c.Key, c => (c.Value.Read, c.Value.Written, c.Value.Failed)));
        Assert.Empty(((IInitialSyncStore)subject.Store).GetCheckpoint("run-1", "Vendors", InitialSyncPass.All)?.Counts.Companies ?? new Dictionary<string, InitialSyncCompanyCounts>());
        var pages = Assert.IsAssignableFrom<IStatePages>(subject.Store);
        Assert.Equal(["DEMF|DE1"], pages.GetInitialSyncErrorPage("run-1", "Customers", "demf", 0, 10).Select(e => e.RecordKey));
        Assert.Empty(pages.GetInitialSyncErrorPage("run-1", "Customers", "USMF", 0, 10));
        Assert.Empty(pages.GetInitialSyncErrorPage("run-1", "Vendors", null, 0, 10));
    }

    [Fact]
    public void The_sqlite_store_refuses_partitioned_updates_it_cannot_fence()
    {
        using var subject = new StoreUnderTest(StoreKind.Sqlite, _cluster);
        var update = new StateUpdate();
        update.MovePartitionCursor("Customers", Side.Fo, 3, 10);

        var error = Assert.Throws<NotSupportedException>(() => subject.Store.Apply(update));

        Assert.Contains("PostgreSQL", error.Message);
    }

    private static ChangeRecord Change(long sequence, Side side, string? origin) =>
        new(sequence, side, side == Side.Fo ? "CustomersV3" : "accounts", ChangeOperation.Update, "[\"USMF\",\"US0001\"]", $"{{\"name\":\"v{sequence}\"}}", origin, Moment.AddSeconds(sequence));
}
