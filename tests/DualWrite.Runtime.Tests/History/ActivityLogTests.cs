using System.IO;
using System.Linq;
using DualWrite.Runtime.State;
using DualWrite.Runtime.State.Activity;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests.History;

/// <summary>A map's activity log in the state store: newest first, a page at a time by keyset over (map, id), and kept across a reset.</summary>
public sealed class ActivityLogTests
{
    [Fact]
    public void The_log_is_paged_newest_first_per_map_and_survives_a_reset()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-activity-tests", System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "state.db");
        using (var store = new SqliteStateStore(path))
        {
            foreach (var i in Enumerable.Range(1, 5))
            {
                store.AddActivity("Customers", ActivityKind.Paused, "operator", "pause " + i);
                store.AddActivity("Vendors", ActivityKind.Stopped, null, "stop " + i);
            }

            store.Reset();
            var first = store.GetActivityPage("Customers", beforeId: 0, limit: 2);
            var second = store.GetActivityPage("Customers", first[^1].Id, limit: 2);
            var last = store.GetActivityPage("Customers", second[^1].Id, limit: 2);

            Assert.Equal(["pause 5", "pause 4", "pause 3", "pause 2", "pause 1"], first.Concat(second).Concat(last).Select(e => e.Text));
            Assert.All(first, entry => Assert.Equal(("Customers", ActivityKind.Paused, "operator"), (entry.Map, entry.Kind, entry.Actor)));
            Assert.Null(store.GetActivityPage("Vendors", 0, 1).Single().Actor);
        }

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM map_activity WHERE map = 'Customers' AND id < 9 ORDER BY id DESC LIMIT 2";
        using var reader = plan.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Contains("map_activity_by_map", reader.GetString(3));
    }
}
