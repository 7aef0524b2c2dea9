using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// Three host processes share one PostgreSQL state store and the embedded environments while this process edits both
/// sides; one host at a time is killed (SIGKILL on Linux) and restarted. At the end every record holds its last version
/// on both sides, and the other side's change log shows that the runtime wrote each version exactly once, in order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiHostTests : IDisposable
{
    private const int Records = 60;
    private const int Hosts = 3;
    private const int Kills = 3;

    private readonly PostgresDatabase _database;
    private readonly Environments _environments = new();
    private readonly ITestOutputHelper _output;
    private readonly Process?[] _hosts = new Process?[Hosts];
    private int _started;

    public MultiHostTests(PostgresCluster cluster, ITestOutputHelper output)
    {
        _database = cluster.CreateDatabase();
        _output = output;
    }

    [PostgresFact]
    public async Task Three_hosts_with_one_killed_and_restarted_apply_every_change_once_and_in_order_per_record()
    {
        var (fo, dataverse) = (_environments.Fo, _environments.Dataverse);
        using var state = new PostgresStateStore(_database.ConnectionString);

        // Linked once before the hosts start, so that none of them links over another's cursors.
        using (var linker = new DualWriteRuntime(fo, dataverse, state, new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition }))
        {
            linker.Link(new[] { "USMF" });
        }

        for (var i = 0; i < Hosts; i++)
        {
            _hosts[i] = Start();
        }

        _environments.Execute(fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '30', 'Wholesale')");
        await Until(() => CaughtUp(state));
        for (var i = 0; i < Records; i++)
        {
            _environments.Execute(fo, $"INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, PartyType, OnHoldStatus) VALUES ('USMF', '{Account(i)}', '{Name(i, 0)}', '30', 'Organization', 'No')");
        }

        await Until(() => CaughtUp(state));

        // Odd records are edited in F&O, even ones in Dataverse, each with a version that only grows.
        var versions = new int[Records];
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            var writes = new Random();
            while (!stop.IsCancellationRequested)
            {
                var record = writes.Next(Records);
                var name = Name(record, ++versions[record]);
                if (record % 2 == 1)
                {
                    _environments.Execute(fo, $"UPDATE CustomersV3 SET OrganizationName = '{name}' WHERE CustomerAccount = '{Account(record)}'");
                }
                else
                {
                    _environments.Execute(dataverse, $"UPDATE accounts SET name = '{name}' WHERE accountnumber = '{Account(record)}'");
                }

                Thread.Sleep(writes.Next(2, 6));
            }
        });

        var random = new Random();
        for (var kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(random.Next(2_500, 5_000));
            var victim = random.Next(Hosts);
            _hosts[victim]!.Kill();
            await _hosts[victim]!.WaitForExitAsync();
            _output.WriteLine($"Killed host {victim}; leases {string.Join(", ", state.GetLeases().GroupBy(l => l.HostId).Select(g => $"{g.Key}: {g.Count()}"))}");
            await Task.Delay(random.Next(0, 1_000));
            _hosts[victim] = Start();
        }

        await Task.Delay(2_000);
        await stop.CancelAsync();
        await writer;
        await Until(() => CaughtUp(state));

        Assert.Empty(state.GetErrors());
        var foNames = Names(fo, "CustomersV3", "CustomerAccount", "OrganizationName");
        var dataverseNames = Names(dataverse, "accounts", "accountnumber", "name");
        for (var i = 0; i < Records; i++)
        {
            Assert.Equal(Name(i, versions[i]), foNames[Account(i)]);
            Assert.Equal(Name(i, versions[i]), dataverseNames[Account(i)]);

            // F&O's insert (version 0) went to Dataverse; after it, every edit of the record's own side went to the other.
            var applied = i % 2 == 1
                ? AppliedVersions(dataverse, "accounts", "accountnumber", "name", Account(i))
                : AppliedVersions(fo, "CustomersV3", "CustomerAccount", "OrganizationName", Account(i));
            var expected = Enumerable.Range(i % 2 == 1 ? 0 : 1, i % 2 == 1 ? versions[i] + 1 : versions[i]);
            Assert.True(applied.SequenceEqual(expected), $"{Account(i)} was written to the other side as versions {string.Join(", ", applied)}; expected {string.Join(", ", expected)}");
        }

        var leases = state.GetLeases().GroupBy(l => l.HostId).Select(g => g.Count()).ToList();
        _output.WriteLine($"{versions.Sum()} edits, {Kills} kills, {_started} host starts; partitions per live host at the end: {string.Join(", ", leases)}");
    }

    public void Dispose()
    {
        foreach (var host in _hosts.Where(h => h is not null))
        {
            if (!host!.HasExited)
            {
                host.Kill();
                host.WaitForExit();
            }

            host.Dispose();
        }

        _environments.Dispose();
        _database.Dispose();
    }

    private static string Account(int record) => $"US{record + 1:0000}";

    private static string Name(int record, int version) => $"{Account(record)} v{version}";

    private Process Start()
    {
        var id = $"host-{Interlocked.Increment(ref _started)}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "DualWrite.CrashHost.dll"));
        start.ArgumentList.Add(_environments.Folder);
        start.ArgumentList.Add(Environments.SchemaFolder);
        start.ArgumentList.Add(_database.Url);
        start.ArgumentList.Add(id);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Log(id, e.Data);
        process.ErrorDataReceived += (_, e) => Log(id, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string host, string? line)
    {
        if (line is not null)
        {
            _output.WriteLine($"{host}: {line}");
        }
    }

    // Caught up when every partition of both Customers cursors stands at the heads: the store reports the least of them.
    private bool CaughtUp(PostgresStateStore state)
    {
        var (foHead, dataverseHead) = (_environments.Fo.GetHead(), _environments.Dataverse.GetHead());
        var cursors = state.GetCursors().Where(c => c.Map == CustomersMap.Name).ToList();
        return cursors.Count == 2 && cursors.All(c => c.Sequence == (c.Side == Side.Fo ? foHead : dataverseHead));
    }

    // Bounded so that hosts that cannot start fail the test instead of hanging it; nothing is asserted about time.
    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static Dictionary<string, string> Names(EmbeddedEnvironment environment, string table, string key, string name)
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

    /// <summary>The versions the runtime wrote to a record, in change-log order.</summary>
    private static List<int> AppliedVersions(EmbeddedEnvironment environment, string table, string key, string name, string account)
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
