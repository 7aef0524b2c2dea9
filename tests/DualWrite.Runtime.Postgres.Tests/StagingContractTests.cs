using System;
using System.Linq;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>The staging queues and the error list's kinds, attempts and filters, over SQLite and PostgreSQL alike.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StagingContractTests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 26, 8, 30, 15, 123, 456, TimeSpan.Zero);

    private readonly PostgresCluster _cluster;

    public StagingContractTests(PostgresCluster cluster) => _cluster = cluster;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Staged_changes_are_read_in_order_by_chunk_record_and_source_and_unstaged(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = subject.Store;
        var update = new StateUpdate();
        update.Stage("Customers", "USMF|US0001", Change(10, Side.Fo, origin: null));
        update.Stage("Customers", "USMF|US0002", Change(11, Side.Fo, origin: "dualwrite:live"));
        update.Stage("Customers", "USMF|US0001", Change(4, Side.Dataverse, origin: null));
        update.Stage("Vendors", "USMF|V1", Change(12, Side.Fo, origin: null));
        store.Apply(update);

        Assert.Equal((3L, 1L, 0L), (store.CountStaged("Customers"), store.CountStaged("Vendors"), store.CountStaged("Products")));
        var chunk = store.ReadStaged("Customers", 2);
        Assert.Equal(new[] { ("USMF|US0001", 10L, true), ("USMF|US0002", 11L, false) }, chunk.Select(c => (c.RecordKey, c.Change.Sequence, c.OtherSideStaged)));
        Assert.Equal(Change(11, Side.Fo, origin: "dualwrite:live"), chunk[1].Change);
        Assert.Equal(new[] { Side.Fo, Side.Dataverse }, store.GetStagedRecord("Customers", "USMF|US0001").Select(c => c.Change.Side));
        Assert.Equal(new[] { 10L, 11L }, store.FindStaged("Customers", Side.Fo, 10, 11).Select(c => c.Change.Sequence));
        Assert.Empty(store.FindStaged("Customers", Side.Dataverse, 5, 100));

        var unstage = new StateUpdate();
        unstage.Unstage(chunk[0].Id);
        unstage.Unstage(chunk[1].Id);
        store.Apply(unstage);
        var rest = Assert.Single(store.ReadStaged("Customers", 10));
        Assert.False(rest.OtherSideStaged);
        store.Reset();
        Assert.Equal(0, store.CountStaged("Vendors"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void Map_states_set_with_an_update_respect_the_expected_state(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = subject.Store;
        store.SetMapState("Customers", MapState.Replaying);
        var update = new StateUpdate();
        update.SetMapState("Customers", MapState.Running, expected: MapState.Replaying);
        update.SetMapState("Vendors", MapState.Running, expected: MapState.Replaying);
        update.SetMapState("Products", MapState.Stopped);
        store.Apply(update);

        Assert.Equal((MapState.Running, MapState.Running, MapState.Stopped), (store.GetMapState("Customers"), store.GetMapState("Vendors"), store.GetMapState("Products")));
        var late = new StateUpdate();
        late.SetMapState("Customers", MapState.Running, expected: MapState.Replaying);
        store.SetMapState("Customers", MapState.Paused);
        store.Apply(late);
        Assert.Equal(MapState.Paused, store.GetMapState("Customers"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresStoreData]
    public void The_error_list_keeps_kind_and_attempts_and_filters_by_map_record_and_age(StoreKind kind)
    {
        using var subject = new StoreUnderTest(kind, _cluster);
        var store = subject.Store;
        var update = new StateUpdate();
        update.Enqueue("Customers", "USMF|US0001", Change(10, Side.Fo, origin: null), "lookup missing", SyncErrorKind.Lookup);
        update.Enqueue("Vendors", "USMF|V1", Change(11, Side.Fo, origin: null), "too long");
        store.Apply(update);
        var first = store.GetErrors().First();
        var again = new StateUpdate();
        again.Fail(first.Id, "lookup still missing", SyncErrorKind.Lookup);
        store.Apply(again);

        var error = store.GetErrors(new ErrorFilter(Map: "Customers")).Single();
        Assert.Equal((SyncErrorKind.Lookup, 2, "lookup still missing"), (error.Kind, error.Attempts, error.Reason));
        Assert.True(error.FirstFailedAt <= error.FailedAt);
        Assert.Equal("USMF|V1", store.GetErrors(new ErrorFilter(RecordKey: "usmf|v1")).Single().RecordKey);
        Assert.Empty(store.GetErrors(new ErrorFilter(LastFailedBefore: DateTimeOffset.UtcNow.AddHours(-1))));
        Assert.Equal(2, store.GetErrors(new ErrorFilter(LastFailedBefore: DateTimeOffset.UtcNow.AddHours(1))).Count);
    }

    private static ChangeRecord Change(long sequence, Side side, string? origin) =>
        new(sequence, side, side == Side.Fo ? "CustomersV3" : "accounts", ChangeOperation.Update, "[\"USMF\",\"US0001\"]", $"{{\"name\":\"v{sequence}\"}}", origin, Moment.AddSeconds(sequence));
}
