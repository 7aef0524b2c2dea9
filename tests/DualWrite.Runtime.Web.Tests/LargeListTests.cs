using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>
/// The page over a large state store: 100,000 errors and 1,000,000 staged changes. Each list page is one keyset query
/// over an index, so the last page is served like the first; the server times are printed, not asserted.
/// </summary>
public sealed class LargeListTests(ITestOutputHelper output)
{
    private const int StagedChanges = 1_000_000;
    private const int Errors = 100_000;

    [Fact]
    public async Task The_last_pages_of_a_million_staged_changes_and_100000_errors_come_from_indexes_with_the_right_rows()
    {
        await using var host = await PageHost.StartAsync(customersPerCompany: 5);
        await host.Runtime.PauseAsync("Products");
        await host.Runtime.PauseAsync("Contacts");
        var clock = Stopwatch.StartNew();
        Seed(host.Environments.State, "Products", StagedChanges, (update, i, change) => update.Stage("Products", $"P{i:0000000}", change));
        Seed(host.Environments.State, "Contacts", Errors, (update, i, change) => update.Enqueue("Contacts", $"DEMF|C{i:0000000}", change, $"seeded failure {i}"));
        output.WriteLine($"Seeded {StagedChanges:N0} staged changes and {Errors:N0} errors in {clock.Elapsed.TotalSeconds:0.0} s");

        using var client = await host.SignedInClientAsync();
        var lastStaged = LastId(host.StatePath, "staged_changes");
        var (queue, queueTime) = await GetAsync(client, $"{host.PageUrl}/maps/Products/queue?after={lastStaged - 10}");
        var (keyed, keyedTime) = await GetAsync(client, $"{host.PageUrl}/maps/Products/queue?key=p0999999");
        var lastError = LastId(host.StatePath, "record_queue");
        var (errors, errorsTime) = await GetAsync(client, $"{host.PageUrl}/errors?map=Contacts&kind=Value&after={lastError - 20}");
        var (overview, overviewTime) = await GetAsync(client, host.PageUrl + "/");
        output.WriteLine($"Server time: last queue page {queueTime} ms, queue by key {keyedTime} ms, last errors page {errorsTime} ms, overview {overviewTime} ms");

        Assert.Equal(Enumerable.Range(0, 10).Select(i => lastStaged - 9 + i), Ids(queue, "data-staged"));
        Assert.Single(Ids(keyed, "data-staged"));
        Assert.Contains("P0999999", keyed, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => lastError - 19 + i), Ids(errors, "data-error"));
        Assert.Contains(">100,000</span> entries match", errors, StringComparison.Ordinal);
        Assert.Contains("1,000,000", overview, StringComparison.Ordinal);

        // The same shapes of query the store runs for these pages (DbStateStore): each is answered from an index.
        Assert.Matches("USING (COVERING )?INDEX staged_changes_in_order|USING INTEGER PRIMARY KEY", Plan(host.StatePath, "SELECT s.id FROM staged_changes s WHERE s.map = 'Products' AND s.id > 5 ORDER BY s.id LIMIT 50"));
        Assert.Matches("USING (COVERING )?INDEX staged_changes_by_record_in_order", Plan(host.StatePath, "SELECT s.id FROM staged_changes s WHERE s.map = 'Products' AND s.record_key = 'P0000001' AND s.id > 0 ORDER BY s.id LIMIT 50"));
        Assert.Matches("USING (COVERING )?INDEX record_queue_errors|USING INTEGER PRIMARY KEY", Plan(host.StatePath, "SELECT q.id FROM record_queue q WHERE reason IS NOT NULL AND id > 5 ORDER BY id LIMIT 50"));
        Assert.Matches("USING (COVERING )?INDEX record_queue_by_record", Plan(host.StatePath, "SELECT q.id FROM record_queue q WHERE reason IS NOT NULL AND map = 'Contacts' AND record_key = 'DEMF|C0000001' ORDER BY id LIMIT 50"));
    }

    private static void Seed(IStateStore state, string map, int count, Action<StateUpdate, int, ChangeRecord> add)
    {
        const int Chunk = 50_000;
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += Chunk)
        {
            var update = new StateUpdate();
            for (var i = start; i < Math.Min(count, start + Chunk); i++)
            {
                add(update, i, new ChangeRecord(i + 1, Side.Fo, map, ChangeOperation.Update, $"[\"{i}\"]", $"{{\"n\":{i}}}", null, now));
            }

            state.Apply(update);
        }
    }

    private static async Task<(string Html, long Milliseconds)> GetAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        return (html, clock.ElapsedMilliseconds);
    }

    private static IEnumerable<long> Ids(string html, string attribute) =>
        Regex.Matches(html, attribute + "=\"([0-9]+)\"").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static long LastId(string statePath, string table) => (long)Query(statePath, $"SELECT MAX(id) FROM {table}").Single()!;

    private static string Plan(string statePath, string sql) => string.Join(" / ", Query(statePath, "EXPLAIN QUERY PLAN " + sql, column: 3));

    private static List<object?> Query(string statePath, string sql, int column = 0)
    {
        using var connection = new SqliteConnection($"Data Source={statePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<object?>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(column));
        }

        return values;
    }
}
