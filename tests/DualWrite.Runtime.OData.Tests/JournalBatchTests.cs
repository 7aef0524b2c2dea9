using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Fo;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.Postgres;
using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// A journal batch holds its rows and changes and sends them later, as many to a statement as the database takes best
/// (<see cref="PendingWrites"/>): the journal must end as one statement per write left it, over more rows than a
/// statement holds, with rows written twice before they are sent, and with a read of the journal's rows in the middle of
/// the batch seeing what the batch wrote before it; and a row read without its image (a feed's changed row, compared by
/// version and fingerprint only) is read again for a question that wants the image.
/// </summary>
public sealed class JournalBatchTests : IClassFixture<PostgresCluster>
{
    private const string Set = "CustomerGroups";
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly PostgresCluster _cluster;

    public JournalBatchTests(PostgresCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public async Task Over_sqlite_rows_and_changes_held_and_sent_later_end_as_one_statement_each_left_them()
    {
        var folder = Directory.CreateTempSubdirectory("journal-batch-");
        try
        {
            using var journal = ChangeJournal.Open(new FoConnectorOptions { JournalPath = Path.Combine(folder.FullName, "journal.db") }, Side.Fo);
            await WritesAsync(journal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task Over_postgres_rows_and_changes_held_and_sent_later_end_as_one_statement_each_left_them()
    {
        using var database = _cluster.CreateDatabase();
        using var store = new PostgresStateStore(database.ConnectionString);
        using var journal = ChangeJournal.Open(new FoConnectorOptions { JournalStore = store }, Side.Fo);
        await WritesAsync(journal);
    }

    private static async Task WritesAsync(ChangeJournal journal)
    {
        var token = CancellationToken.None;

        // Enough rows for several statements and a part-filled last one.
        var rows = (3 * PendingWrites.MostRowsPerStatement) + 5;
        await using (var batch = await journal.BeginAsync(token))
        {
            for (var i = 0; i < rows; i++)
            {
                await batch.RememberAsync(Set, Key("USMF", i), "v1", "fp" + Number(i), Image(i, "first"), deleted: false, token);
                await batch.AppendAsync(Set, ChangeOperation.Insert, Key("USMF", i), Image(i, "first"), origin: i % 2 == 0 ? null : "map#" + Number(i), At.AddSeconds(i), token);
            }

            // Rows written again before they were sent: the later values win, a null fingerprint keeps the earlier one,
            // and the key keeps its first spelling.
            await batch.RememberAsync(Set, Key("usmf", 3), "v2", null, Image(3, "second"), deleted: false, token);
            await batch.RememberAsync(Set, Key("usmf", 4), "v2", "fp-second", Image(4, "second"), deleted: true, token);
            await batch.AppendAsync(Set, ChangeOperation.Delete, Key("USMF", 4), Image(4, "second"), origin: null, At, token);

            // A read of the journal's rows in the batch sees what the batch wrote before it.
            Assert.Equal(new KnownRow("v2", "fp3", Image(3, "second"), false), await batch.KnownAsync(Set, Key("USMF", 3), withImage: true, token));
            Assert.Equal(rows - 1, (await batch.LiveRowKeysAsync(Set, token)).Count);

            // Written again after that read, and once more in the same statement's reach.
            await batch.RememberAsync(Set, Key("USMF", 5), "v3", null, Image(5, "third"), deleted: false, token);
            await batch.RememberAsync(Set, Key("USMF", 5), "v4", null, Image(5, "fourth"), deleted: false, token);
            await batch.CommitAsync(token);
        }

        Assert.Equal(rows + 1, await journal.HeadAsync(token));
        var changes = await journal.ReadAsync(Set, 0, rows + 1, ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(Enumerable.Range(1, rows + 1).Select(i => (long)i), changes.Select(c => c.Sequence));
        for (var i = 0; i < rows; i++)
        {
            var change = changes[i];
            Assert.Equal((ChangeOperation.Insert, Key("USMF", i), Image(i, "first"), i % 2 == 0 ? null : "map#" + Number(i), At.AddSeconds(i)), (change.Operation, change.RowKey, change.Image, change.Origin, change.ChangedAt));
        }

        Assert.Equal((ChangeOperation.Delete, Key("USMF", 4), Image(4, "second")), (changes[rows].Operation, changes[rows].RowKey, changes[rows].Image));

        await using (var batch = await journal.BeginAsync(token))
        {
            var expected = new Dictionary<int, KnownRow>
            {
                [3] = new("v2", "fp3", Image(3, "second"), false),
                [4] = new("v2", "fp-second", Image(4, "second"), true),
                [5] = new("v4", "fp5", Image(5, "fourth"), false),
            };
            KnownRow Expected(int i) => expected.GetValueOrDefault(i, new KnownRow("v1", "fp" + Number(i), Image(i, "first"), false));

            // Rows read without their images answer a question that needs none; one that wants the image reads it.
            await batch.LoadKnownAsync(Set, Enumerable.Range(0, rows).Select(i => Key("USMF", i)), withImages: false, token);
            for (var i = 0; i < rows; i++)
            {
                Assert.Equal(Expected(i) with { Image = null }, await batch.KnownAsync(Set, Key("usmf", i), withImage: false, token));
            }

            for (var i = 0; i < rows; i++)
            {
                Assert.Equal(Expected(i), await batch.KnownAsync(Set, Key("usmf", i), withImage: true, token));
            }

            var live = await batch.LiveRowKeysAsync(Set, token);
            Assert.Equal(Enumerable.Range(0, rows).Where(i => i != 4).Select(i => Key("USMF", i)).Order(StringComparer.Ordinal), live.Order(StringComparer.Ordinal));
        }
    }

    private static string Key(string company, int group) => $"[\"{company}\",\"{Number(group)}\"]";

    private static string Image(int group, string description) => $"{{\"CustomerGroupId\":\"{Number(group)}\",\"Description\":\"{description}\"}}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
