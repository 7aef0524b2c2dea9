using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Journal;
using DualWrite.Runtime.OData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>A journal file of the release before the state store kept journals is taken over on open, sequences and all.</summary>
public sealed class JournalFileTests
{
    [Fact]
    public async Task A_journal_file_of_the_earlier_layout_is_moved_into_the_journal_tables()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var path = Path.Combine(pair.Folder, "old-journal.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE changes (sequence INTEGER PRIMARY KEY AUTOINCREMENT, entity_set TEXT NOT NULL, operation TEXT NOT NULL, row_key TEXT NOT NULL,
                  image TEXT NOT NULL, origin TEXT NULL, changed_at TEXT NOT NULL);
                CREATE TABLE rows (entity_set TEXT NOT NULL, row_key TEXT NOT NULL COLLATE NOCASE, version TEXT NULL, fingerprint TEXT NULL,
                  image TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_set, row_key));
                CREATE TABLE feeds (entity_set TEXT PRIMARY KEY, position TEXT NOT NULL);
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO changes VALUES (41, 'CustomerGroups', 'Insert', '["USMF","10"]', '{"CustomerGroupId":"10"}', NULL, '2026-01-02T03:04:05.0000000Z');
                INSERT INTO changes VALUES (42, 'CustomerGroups', 'Update', '["USMF","10"]', '{"CustomerGroupId":"10","Description":"x"}', 'dualwrite:a', '2026-01-02T03:04:06.0000000Z');
                INSERT INTO rows VALUES ('CustomerGroups', '["USMF","10"]', 'W/"2"', 'ABC', '{"CustomerGroupId":"10"}', 0);
                INSERT INTO feeds VALUES ('CustomerGroups', '2026-01-02T03:04:06.0000000Z');
                """;
            command.ExecuteNonQuery();
        }

        var options = pair.FoOptions();
        options.JournalPath = path;
        using var journal = ChangeJournal.Open(options, Side.Fo);

        var token = CancellationToken.None;
        Assert.Equal(42, await journal.HeadAsync(token));
        var changes = await journal.ReadAsync("CustomerGroups", 0, 42, ChangeOrigins.All, int.MaxValue, token);
        Assert.Equal(new long[] { 41, 42 }, changes.Select(c => c.Sequence));
        Assert.Equal("dualwrite:a", changes[1].Origin);
        Assert.Equal("2026-01-02T03:04:06.0000000Z", await journal.FeedPositionAsync("CustomerGroups", token));
        await using (var batch = await journal.BeginAsync(token))
        {
            Assert.Equal("W/\"2\"", (await batch.KnownAsync("CustomerGroups", "[\"usmf\",\"10\"]", withImage: false, token))?.Version);
        }

        using var reopened = ChangeJournal.Open(options, Side.Fo);
        Assert.Equal(42, await reopened.HeadAsync(token));
    }
}
