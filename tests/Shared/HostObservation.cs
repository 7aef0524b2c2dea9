using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Testing;

/// <summary>
/// What the host-process tests (tests/DualWrite.Runtime.Hosting.Tests, tests/DualWrite.Runtime.Postgres.Tests) read of
/// running hosts: when they caught up, the names on both sides, the versions the runtime wrote. A source file linked
/// into both projects, since they share nothing else.
/// </summary>
internal static class HostObservation
{
    /// <summary>
    /// Waits until <paramref name="condition"/> holds. Bounded so that a host that cannot start fails the test instead of
    /// hanging it; nothing is asserted about time.
    /// </summary>
    public static async Task Until(Func<bool> condition, int pollMilliseconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            await Task.Delay(pollMilliseconds, timeout.Token);
        }
    }

    /// <summary>
    /// Whether both of a map's cursors stand at the heads: the hosts' last pass read their own writes and found nothing
    /// more. A store shared by several hosts reports the least of the partitions' cursors.
    /// </summary>
    public static bool CaughtUp(IDualWriteEnvironment fo, IDualWriteEnvironment dataverse, IStateStore state, string map)
    {
        var (foHead, dataverseHead) = (fo.GetHead(), dataverse.GetHead());
        var cursors = state.GetCursors().Where(c => c.Map == map).ToList();
        return cursors.Count == 2 && cursors.All(c => c.Sequence == (c.Side == Side.Fo ? foHead : dataverseHead));
    }

    /// <summary>Every row's <paramref name="name"/> by its <paramref name="key"/>.</summary>
    public static Dictionary<string, string> Names(EmbeddedEnvironment environment, string table, string key, string name)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {key}, {name} FROM {table}";
        var names = new Dictionary<string, string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names[reader.GetString(0)] = reader.GetString(1);
        }

        return names;
    }

    /// <summary>The versions (the number after the last 'v' of the name) the runtime wrote to a record, in change-log order.</summary>
    public static List<int> AppliedVersions(EmbeddedEnvironment environment, string table, string key, string name, string account)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT image FROM dw_changes WHERE entity_set = '{table}' AND origin IS NOT NULL AND json_extract(image, '$.{key}') = $account ORDER BY sequence";
        command.Parameters.AddWithValue("$account", account);
        var versions = new List<int>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var value = JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty(name).GetString()!;
            versions.Add(int.Parse(value[(value.LastIndexOf('v') + 1)..], CultureInfo.InvariantCulture));
        }

        return versions;
    }
}
