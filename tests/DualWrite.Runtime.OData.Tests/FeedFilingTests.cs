using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Tests.Support;
using DualWrite.Runtime.Postgres;
using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// Filing a feed read checks its rows against what the journal knows in a few queries per read, not one per row: the
/// checks must still see what a query per row saw, including what the same read filed before (a row sent twice, a row
/// deleted and created again) and keys spelled in another case; a deleted row is filed with the image the journal knows.
/// </summary>
public sealed class FeedFilingTests : IClassFixture<PostgresCluster>
{
    private const string Set = "CustomerGroups";
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly PostgresCluster _cluster;

    public FeedFilingTests(PostgresCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public Task Filing_over_sqlite_checks_each_row_against_the_journal_and_the_read_itself() =>
        FilingAsync(pair =>
        {
            var options = pair.FoOptions();
            options.JournalPath = Path.Combine(pair.Folder, "filing-journal.db");
            return (ChangeJournal.Open(options, Side.Fo), null);
        });

    [PostgresFact]
    public Task Filing_over_postgres_checks_each_row_against_the_journal_and_the_read_itself()
    {
        var database = _cluster.CreateDatabase();
        return FilingAsync(pair =>
        {
            var store = new PostgresStateStore(database.ConnectionString);
            var options = pair.FoOptions();
            options.JournalPath = null;
            options.JournalStore = store;
            return (ChangeJournal.Open(options, Side.Fo), new Owned(store, database));
        });
    }

    [Fact]
    public async Task A_first_read_files_its_baseline_while_it_reads_and_moves_the_feed_only_at_its_end()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var token = CancellationToken.None;
        var options = pair.FoOptions();
        options.JournalPath = Path.Combine(pair.Folder, "link-journal.db");
        using var fo = FoEnvironment.Open(options);
        var table = fo.Schema.GetTable(Set);
        var journal = fo.Journal;
        var rows = (2 * FeedRead.RowsPerFiling) + 10;
        var feed = new FeedRead(fo, table, null);
        for (var i = 0; i < rows; i++)
        {
            await feed.BaselineAsync(Row("USMF", i, "v0"), token);
        }

        // Two fillings' worth are in the journal before the read ends (a link holds a filing's rows, not the table's),
        // and the feed has not moved: a host that stops here reads the baseline again.
        Assert.Null(await journal.FeedPositionAsync(Set, token));
        Assert.Equal(2 * FeedRead.RowsPerFiling, await LiveRowsAsync(journal));

        feed.MoveTo("p1");
        Assert.Equal(0, await journal.FileAsync(feed, moveFeed: true, token));
        Assert.Equal("p1", await journal.FeedPositionAsync(Set, token));
        Assert.Equal(rows, await LiveRowsAsync(journal));
        Assert.Equal(0, await journal.HeadAsync(token));

        // A second first read that started before the link above moved the feed files none of its baseline.
        var late = new FeedRead(fo, table, null);
        for (var i = 0; i < FeedRead.RowsPerFiling; i++)
        {
            await late.BaselineAsync(Row("USMF", rows + i, "v0"), token);
        }

        Assert.Equal(rows, await LiveRowsAsync(journal));
    }

    [Fact]
    public async Task A_delta_read_files_its_changes_while_it_reads_and_a_read_again_after_a_crash_files_none_twice()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var token = CancellationToken.None;
        var options = pair.FoOptions();
        options.JournalPath = Path.Combine(pair.Folder, "delta-journal.db");
        using var fo = FoEnvironment.Open(options);
        var table = fo.Schema.GetTable(Set);
        var journal = fo.Journal;
        var baseline = new FeedRead(fo, table, null);
        baseline.MoveTo("p1");
        await journal.FileAsync(baseline, moveFeed: true, token);

        // A poll of a long backlog holds a filing's rows, not the backlog: two filings are in the journal before the
        // read ends, and the feed has not moved.
        var rows = (2 * FeedRead.RowsPerFiling) + 10;
        var crashed = new FeedRead(fo, table, "p1");
        for (var i = 0; i < rows; i++)
        {
            await crashed.RowAsync(Row("USMF", i, "v1"), At, token);
        }

        Assert.Equal(2 * FeedRead.RowsPerFiling, await journal.HeadAsync(token));
        Assert.Equal(2 * FeedRead.RowsPerFiling, crashed.Filed);
        Assert.Equal("p1", await journal.FeedPositionAsync(Set, token));

        // The host stops there. The next poll starts where the feed stands and gets the same rows (one edited since):
        // what was filed is known by its version, so only the rest and the edit are changes.
        var again = new FeedRead(fo, table, "p1");
        for (var i = 0; i < rows; i++)
        {
            await again.RowAsync(i == 5 ? Row("USMF", i, "v2", "Renamed") : Row("USMF", i, "v1"), At, token);
        }

        again.MoveTo("p2");
        await journal.FileAsync(again, moveFeed: true, token);
        Assert.Equal(11, again.Filed);
        Assert.Equal("p2", await journal.FeedPositionAsync(Set, token));
        var changes = await journal.ReadAsync(Set, 0, await journal.HeadAsync(token), ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(rows + 1, changes.Count);
        Assert.Equal(Enumerable.Range(0, rows), changes.Where(c => c.Operation == ChangeOperation.Insert).Select(c => GroupOf(c.RowKey)).Order());
        Assert.Equal("Update 5", changes.Where(c => c.Operation == ChangeOperation.Update).Select(c => $"{c.Operation} {GroupOf(c.RowKey)}").Single());
    }

    [Fact]
    public async Task A_row_read_again_at_the_version_and_values_the_journal_knows_is_not_remembered_again()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var token = CancellationToken.None;
        var options = pair.FoOptions();
        options.JournalPath = Path.Combine(pair.Folder, "again-journal.db");
        using var fo = FoEnvironment.Open(options);
        var table = fo.Schema.GetTable(Set);
        var journal = fo.Journal;
        var stamped = Stamped(Row("USMF", 1, "v1"), At);
        var baseline = new FeedRead(fo, table, null);
        await baseline.BaselineAsync(stamped, token);
        baseline.MoveTo("p1");
        await journal.FileAsync(baseline, moveFeed: true, token);

        // An overlapping poll sends the row again at its version; only its modified time, which no fingerprint holds,
        // differs here, so a row remembered again would show it. A row at its version with other values (a version a
        // service failed to move) is no change either, but its values are news.
        var again = new FeedRead(fo, table, "p1");
        await again.RowAsync(Stamped(Row("USMF", 1, "v1"), At.AddSeconds(1)), At, token);
        await again.RowAsync(Stamped(Row("USMF", 2, "v1"), At), At, token);
        again.MoveTo("p2");
        await journal.FileAsync(again, moveFeed: true, token);
        var edited = new FeedRead(fo, table, "p2");
        await edited.RowAsync(Stamped(Row("USMF", 2, "v1", "Renamed"), At), At, token);
        edited.MoveTo("p3");
        await journal.FileAsync(edited, moveFeed: true, token);

        Assert.Equal((0, 1, 0), (baseline.Filed, again.Filed, edited.Filed));
        Assert.Equal(RowImage.Write(stamped.Properties), await KnownImageAsync(journal, fo.RowKeyOf(table, stamped.Properties)));
        Assert.Equal(RowImage.Write(Stamped(Row("USMF", 2, "v1", "Renamed"), At).Properties), await KnownImageAsync(journal, fo.RowKeyOf(table, Row("USMF", 2, "v1").Properties)));
    }

    private static async Task<string?> KnownImageAsync(ChangeJournal journal, string rowKey)
    {
        await using var batch = await journal.BeginAsync(CancellationToken.None);
        return (await batch.KnownAsync(Set, rowKey, withImage: true, CancellationToken.None))?.Image;
    }

    private static ODataRow Stamped(ODataRow row, DateTimeOffset modified)
    {
        var properties = ODataRow.NewProperties();
        foreach (var (name, value) in row.Properties)
        {
            properties[name] = value;
        }

        properties[TestSchemas.ModifiedField] = modified;
        return new ODataRow(properties, row.ETag);
    }

    private static async Task<int> LiveRowsAsync(ChangeJournal journal)
    {
        await using var batch = await journal.BeginAsync(CancellationToken.None);
        return (await batch.LiveRowKeysAsync(Set, CancellationToken.None)).Count;
    }

    private static async Task FilingAsync(Func<ConnectedPair, (ChangeJournal Journal, IDisposable? Owned)> open)
    {
        await using var pair = await ConnectedPair.StartAsync();
        var (journal, owned) = open(pair);
        using var disposeOwned = owned;
        using var disposeJournal = journal;
        var token = CancellationToken.None;
        var table = pair.Fo.Schema.GetTable(Set);

        // The first read is the baseline: remembered, not changes.
        var baseline = new FeedRead(pair.Fo, table, null);
        await baseline.BaselineAsync(Row("USMF", 0, "v0"), token);
        baseline.MoveTo("p1");
        Assert.Equal(0, await journal.FileAsync(baseline, moveFeed: true, token));

        // 1,200 new rows (more than one query's keys), one of them sent twice with the same version: filed once.
        Assert.Equal(1200, await FileAsync(journal, pair, table, "p1", "p2", async feed =>
        {
            for (var i = 1; i <= 1200; i++)
            {
                await feed.RowAsync(Row("USMF", i, "v1"), At, token);
            }

            await feed.RowAsync(Row("USMF", 7, "v1"), At, token);
        }));

        // The same rows again with their keys spelled in lower case: only the one edited, the baseline row edited, a row deleted and one deleted and created again in this read are changes.
        Assert.Equal(5, await FileAsync(journal, pair, table, "p2", "p3", async feed =>
        {
            for (var i = 1; i <= 1200; i++)
            {
                await feed.RowAsync(i == 600 ? Row("usmf", i, "v2", "Renamed") : Row("usmf", i, "v1"), At, token);
            }

            await feed.RowAsync(Row("USMF", 0, "v1", "Renamed"), At, token);
            await feed.DeletedAsync(pair.Fo.RowKeyOf(table, Row("USMF", 1100, "v1").Properties), "{}", At, token);
            await feed.DeletedAsync(pair.Fo.RowKeyOf(table, Row("USMF", 1150, "v1").Properties), "{}", At, token);
            await feed.RowAsync(Row("USMF", 1150, "v3"), At, token);
        }));

        var changes = await journal.ReadAsync(Set, 0, await journal.HeadAsync(token), ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(1205, changes.Count);
        Assert.Equal(1200, changes.Count(c => c.Operation == ChangeOperation.Insert && c.Sequence <= 1200));
        Assert.Equal(
            new[] { "Update 600", "Update 0", "Delete 1100", "Delete 1150", "Insert 1150" },
            changes.Skip(1200).Select(c => $"{c.Operation} {GroupOf(c.RowKey)}"));

        // A row deleted in a read that sends nothing else of it is filed with the image the journal knows of it (its
        // key and values), not with the image of a row it never knew, though the read's changed rows bring no images back.
        Assert.Equal(1, await FileAsync(journal, pair, table, "p3", "p4", async feed =>
        {
            await feed.RowAsync(Row("USMF", 1198, "v2", "Renamed"), At, token);
            await feed.DeletedAsync(pair.Fo.RowKeyOf(table, Row("USMF", 1199, "v1").Properties), "{}", At, token);
        }) - 1);
        var last = await journal.ReadAsync(Set, 1205, await journal.HeadAsync(token), ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(
            new[] { (ChangeOperation.Update, RowImage.Write(Row("USMF", 1198, "v2", "Renamed").Properties)), (ChangeOperation.Delete, RowImage.Write(Row("usmf", 1199, "v1").Properties)) },
            last.Select(c => (c.Operation, c.Image)));
    }

    private static async Task<int> FileAsync(ChangeJournal journal, ConnectedPair pair, TableSchema table, string? from, string to, Func<FeedRead, Task> read)
    {
        var feed = new FeedRead(pair.Fo, table, from);
        await read(feed);
        feed.MoveTo(to);
        await journal.FileAsync(feed, moveFeed: true, CancellationToken.None);
        return feed.Filed;
    }

    private static ODataRow Row(string company, int group, string version, string? description = null) => new(
        Rows.Of(("dataAreaId", company), ("CustomerGroupId", group.ToString(CultureInfo.InvariantCulture)), ("Description", description ?? "Group " + group.ToString(CultureInfo.InvariantCulture))),
        version);

    private static int GroupOf(string rowKey) => int.Parse(System.Text.Json.JsonSerializer.Deserialize<string[]>(rowKey)![1], CultureInfo.InvariantCulture);

    private sealed class Owned(IDisposable store, IDisposable database) : IDisposable
    {
        public void Dispose()
        {
            store.Dispose();
            database.Dispose();
        }
    }
}
