using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using Microsoft.Data.Sqlite;

namespace DualWrite.LocalServices;

/// <summary>
/// The commands a benchmark sends on stdin, one JSON object a line, each answered by one JSON line on stdout
/// (<c>{"ok":true,...}</c> or <c>{"ok":false,"error":"..."}</c>). Rows are written by the service itself, as a user's
/// edits in the environment, so the client's process does none of that work:
/// <list type="bullet">
/// <item><c>insert</c> side, set, start, count, values: rows start..start+count-1 from a <see cref="RowTemplate"/>, in one transaction.</item>
/// <item><c>update</c> side, set, start, count, key, values: the rows whose key template matches get the values.</item>
/// <item><c>head</c> side: the last sequence of the service's change log.</item>
/// <item><c>verify</c> side, set, start, count, key, values, after: how many rows are missing or hold other values,
/// and how many writes the set's change log holds after sequence <c>after</c>.</item>
/// <item><c>requests</c> side, clear: requests received, refused with 429, and failed otherwise (the first three named),
/// the combined execution time the side's limit counted, and the CPU time the whole process spent serving since the
/// last <c>requests</c> with clear of either side (<see cref="ServingCpu"/>); clear forgets them.</item>
/// </list>
/// </summary>
internal sealed class CommandLoop
{
    private readonly LocalODataService fo;
    private readonly LocalODataService dataverse;
    private readonly TextWriter output;
    private readonly ServingCpu serving = new();

    public CommandLoop(LocalODataService fo, LocalODataService dataverse, TextWriter output)
    {
        this.fo = fo;
        this.dataverse = dataverse;
        this.output = output;
    }

    /// <summary>Answers commands until <paramref name="input"/> ends or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(TextReader input, CancellationToken stopping)
    {
        // Console.In reads block whatever the token says, so the wait, not the read, is what a signal cancels.
        while (await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(stopping).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                await output.WriteLineAsync(await AnswerAsync(line).ConfigureAwait(false)).ConfigureAwait(false);
                await output.FlushAsync(stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs one command and returns its answer line.</summary>
    public async Task<string> AnswerAsync(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var answer = await ExecuteAsync(document.RootElement).ConfigureAwait(false);
            answer["ok"] = true;
            return JsonSerializer.Serialize(answer);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException or InvalidOperationException or FormatException or SqliteException or LocalOData.Protocol.ODataServiceException)
        {
            return JsonSerializer.Serialize(new Dictionary<string, object> { ["ok"] = false, ["error"] = e.Message });
        }
    }

    private async Task<Dictionary<string, object>> ExecuteAsync(JsonElement command)
    {
        var name = command.TryGetProperty("command", out var given) ? given.GetString() : "insert";
        var service = command.GetProperty("side").GetString() switch
        {
            "fo" => fo,
            "dataverse" => dataverse,
            var other => throw new ArgumentException($"Unknown side '{other}': fo or dataverse."),
        };
        return name switch
        {
            "insert" => new() { ["rows"] = await serving.ExcludingAsync(() => InsertAsync(service, command)).ConfigureAwait(false) },
            "update" => new() { ["rows"] = await serving.ExcludingAsync(() => UpdateAsync(service, command)).ConfigureAwait(false) },
            "head" => new() { ["head"] = Head(service) },
            "verify" => await serving.ExcludingAsync(() => Task.FromResult(Verify(service, command))).ConfigureAwait(false),
            "requests" => Requests(service, command),
            _ => throw new ArgumentException($"Unknown command '{name}'."),
        };
    }

    private static Task<int> InsertAsync(LocalODataService service, JsonElement command)
    {
        var values = new RowTemplate(command.GetProperty("values"));
        return service.InsertManyAsync(command.GetProperty("set").GetString()!, Numbers(command).Select(values.Row));
    }

    private static Task<int> UpdateAsync(LocalODataService service, JsonElement command)
    {
        var (key, values) = (new RowTemplate(command.GetProperty("key")), new RowTemplate(command.GetProperty("values")));
        return service.UpdateManyAsync(command.GetProperty("set").GetString()!, Numbers(command).Select(i => (key.Row(i), values.Row(i))));
    }

    private static Dictionary<string, object> Verify(LocalODataService service, JsonElement command)
    {
        var set = command.GetProperty("set").GetString()!;
        var (key, values) = (new RowTemplate(command.GetProperty("key")), new RowTemplate(command.GetProperty("values")));
        var (missing, wrong) = (0, 0);
        var example = "";
        foreach (var i in Numbers(command))
        {
            var expected = values.Row(i);
            if (service.Find(set, key.Row(i)) is not { } row)
            {
                missing++;
                example = example.Length > 0 ? example : $"row {i} is missing";
            }
            else if (expected.FirstOrDefault(e => Text(row[e.Key]) != Text(e.Value)) is { Key: not null } differs)
            {
                wrong++;
                example = example.Length > 0 ? example : $"row {i}: {differs.Key} is '{Text(row[differs.Key])}', not '{Text(differs.Value)}'";
            }
        }

        var after = command.TryGetProperty("after", out var given) ? given.GetInt64() : 0;
        var writes = Scalar(service, $"SELECT COUNT(*) FROM {LocalODataService.ChangeLogTable} WHERE entity_set = $set AND sequence > $after", ("$set", set), ("$after", after));
        return new() { ["missing"] = missing, ["wrong"] = wrong, ["writes"] = writes, ["example"] = example };
    }

    private Dictionary<string, object> Requests(LocalODataService service, JsonElement command)
    {
        var entries = service.Requests.Entries;
        var clearing = command.TryGetProperty("clear", out var clear) && clear.GetBoolean();
        var execution = service.ExecutionTime(clearing);
        if (clearing)
        {
            service.Requests.Clear();
        }

        var failed = entries.Where(e => e.Status is 0 or >= 400 && e.Status != 429).ToList();
        return new()
        {
            ["total"] = entries.Count,
            ["throttled"] = entries.Count(e => e.Status == 429),
            ["failed"] = failed.Count,
            ["failures"] = failed.Take(3).Select(e => $"{e.Method} {e.Url} {e.Status}").ToList(),
            ["executionSeconds"] = execution.TotalSeconds,
            ["cpuSeconds"] = serving.Take(clearing).TotalSeconds,
        };
    }

    private static long Head(LocalODataService service) => Scalar(service, $"SELECT COALESCE(MAX(sequence), 0) FROM {LocalODataService.ChangeLogTable}");

    private static long Scalar(LocalODataService service, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(service.ConnectionString);
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            query.Parameters.AddWithValue(name, value);
        }

        return (long)query.ExecuteScalar()!;
    }

    private static IEnumerable<int> Numbers(JsonElement command) =>
        Enumerable.Range(command.TryGetProperty("start", out var start) ? start.GetInt32() : 0, command.GetProperty("count").GetInt32());

    private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}
