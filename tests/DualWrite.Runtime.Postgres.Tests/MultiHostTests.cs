using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using DualWrite.Testing;
using DualWrite.Testing.Postgres;
using Xunit.Abstractions;
using static DualWrite.Runtime.Testing.HostObservation;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>
/// Three host processes share one PostgreSQL state store and the embedded environments while this process edits both
/// sides; one host at a time is killed (SIGKILL on Linux) and restarted. At the end every record holds its last version
/// on both sides, and the other side's change log shows that the runtime wrote each version exactly once, in order:
/// while the map runs live, and while it is paused, staged and replayed.
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
    private readonly string[] _hostIds = new string[Hosts];

    // Hosts stage and replay in chunks of a few changes, so that a kill falls between many commits.
    private bool _smallChunks;

    // The schedule of kills, stalls and edits, from the test's seed (docs/testing.md).
    private Random _random = new(0);
    private int _started;

    public MultiHostTests(PostgresCluster cluster, ITestOutputHelper output)
    {
        _database = cluster.CreateDatabase();
        _output = output;
    }

    [PostgresFact]
    public Task Three_hosts_with_one_killed_and_restarted_apply_every_change_once_and_in_order_per_record() => TestSeed.RunAsync(async seed =>
    {
        _random = new Random(seed);
        _output.WriteLine($"Seed {seed}");
        using var state = new PostgresStateStore(_database.ConnectionString);
        await StartSyncing(state, smallChunks: false);

        var versions = new int[Records];
        using var stop = new CancellationTokenSource();
        var writer = Edit(versions, pauseMilliseconds: (2, 6), stop.Token);
        for (var kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(_random.Next(2_500, 5_000));
            await KillAndRestart(_random.Next(Hosts), state);
        }

        await Task.Delay(2_000);
        await stop.CancelAsync();
        await writer;
        await Until(pollMilliseconds: 50, condition: () => CaughtUp(_environments.Fo, _environments.Dataverse, state, CustomersMap.Name));

        AssertEveryVersionWrittenOnceInOrder(state, versions);
    });

    [PostgresFact]
    public Task Three_hosts_with_the_holder_of_partition_0_killed_or_stalled_while_a_map_is_staged_and_replayed_apply_every_change_once_and_in_order_per_record() => TestSeed.RunAsync(async seed =>
    {
        _random = new Random(seed);
        _output.WriteLine($"Seed {seed}");
        using var state = new PostgresStateStore(_database.ConnectionString);
        await StartSyncing(state, smallChunks: true);

        // Live edits first, so that the partitions' cursors stand past the map's own when it is paused; staging must not
        // stage again what they dealt with.
        var versions = new int[Records];
        using (var live = new CancellationTokenSource(TimeSpan.FromSeconds(1.5)))
        {
            await Edit(versions, pauseMilliseconds: (5, 15), live.Token);
        }

        await Until(pollMilliseconds: 50, condition: () => CaughtUp(_environments.Fo, _environments.Dataverse, state, CustomersMap.Name));

        // Paused while the hosts are idle. From here the holder of partition 0 stages the edits in chunks of a few changes
        // and replays them in chunks of a few; it is killed or stalled while it does, and the next holder carries on.
        state.SetMapState(CustomersMap.Name, MapState.Paused);
        using var stop = new CancellationTokenSource();
        var writer = Edit(versions, pauseMilliseconds: (5, 15), stop.Token);
        await Task.Delay(_random.Next(1_000, 2_000));
        await KillAndRestart(await HolderOfPartition0(state), state);
        await Until(pollMilliseconds: 50, condition: () => state.CountStaged(CustomersMap.Name) > 0);
        await Task.Delay(_random.Next(500, 1_500));

        _output.WriteLine($"Resumed with {state.CountStaged(CustomersMap.Name)} changes staged");
        state.SetMapState(CustomersMap.Name, MapState.Replaying);
        await Task.Delay(_random.Next(200, 600));
        await Stall(await HolderOfPartition0(state), state);
        await Task.Delay(_random.Next(200, 1_000));
        await KillAndRestart(await HolderOfPartition0(state), state);

        await Task.Delay(1_000);
        await stop.CancelAsync();
        await writer;
        await Until(pollMilliseconds: 50, condition: () => state.GetMapState(CustomersMap.Name) == MapState.Running && state.CountStaged(CustomersMap.Name) == 0 && CaughtUp(_environments.Fo, _environments.Dataverse, state, CustomersMap.Name));

        AssertEveryVersionWrittenOnceInOrder(state, versions);
    });

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

    /// <summary>Links once before the hosts start (so that none links over another's cursors), starts them, and syncs a group and the customers.</summary>
    private async Task StartSyncing(PostgresStateStore state, bool smallChunks)
    {
        var (fo, dataverse) = (_environments.Fo, _environments.Dataverse);
        using (var linker = new DualWriteRuntime(fo, dataverse, state, new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition }))
        {
            linker.Link(new[] { "USMF" });
        }

        _smallChunks = smallChunks;
        for (var i = 0; i < Hosts; i++)
        {
            Start(i);
        }

        _environments.Execute(fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '30', 'Wholesale')");
        await Until(pollMilliseconds: 50, condition: () => CaughtUp(_environments.Fo, _environments.Dataverse, state, CustomersMap.Name));
        for (var i = 0; i < Records; i++)
        {
            _environments.Execute(fo, $"INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, PartyType, OnHoldStatus) VALUES ('USMF', '{Account(i)}', '{Name(i, 0)}', '30', 'Organization', 'No')");
        }

        await Until(pollMilliseconds: 50, condition: () => CaughtUp(_environments.Fo, _environments.Dataverse, state, CustomersMap.Name));
    }

    /// <summary>Odd records are edited in F&amp;O, even ones in Dataverse, each with a version that only grows, until stopped.</summary>
    private Task Edit(int[] versions, (int Min, int Max) pauseMilliseconds, CancellationToken stop)
    {
        var writes = new Random(_random.Next());
        return Task.Run(() => EditUntilStopped(versions, writes, pauseMilliseconds, stop));
    }

    private void EditUntilStopped(int[] versions, Random writes, (int Min, int Max) pauseMilliseconds, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var record = writes.Next(Records);
            var name = Name(record, ++versions[record]);
            if (record % 2 == 1)
            {
                _environments.Execute(_environments.Fo, $"UPDATE CustomersV3 SET OrganizationName = '{name}' WHERE CustomerAccount = '{Account(record)}'");
            }
            else
            {
                _environments.Execute(_environments.Dataverse, $"UPDATE accounts SET name = '{name}' WHERE accountnumber = '{Account(record)}'");
            }

            Thread.Sleep(writes.Next(pauseMilliseconds.Min, pauseMilliseconds.Max));
        }
    }

    private async Task KillAndRestart(int index, PostgresStateStore state)
    {
        var host = _hosts[index]!;
        host.Kill();
        await host.WaitForExitAsync();
        host.Dispose();
        _output.WriteLine($"Killed {_hostIds[index]}; leases {string.Join(", ", state.GetLeases().GroupBy(l => l.HostId).Select(g => $"{g.Key}: {g.Count()}"))}");
        await Task.Delay(_random.Next(0, 1_000));
        Start(index);
    }

    /// <summary>
    /// Stops a host (SIGSTOP) until another host has taken partition 0 from it, then lets it go on (SIGCONT): a stalled
    /// holder, whose step under way must then store nothing. A host stopped inside a fenced commit keeps its lease rows
    /// locked and so cannot be taken over until it goes on: then it is let go and stopped again, a few times at most;
    /// the test fails unless one stall ended in a takeover. Signals need a Unix.
    /// </summary>
    private async Task Stall(int index, PostgresStateStore state)
    {
        Assert.False(OperatingSystem.IsWindows(), "The stall needs SIGSTOP, which Windows lacks.");
        var (host, id) = (_hosts[index]!, _hostIds[index]);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Signal("STOP", host.Id);
            using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                while (!patience.IsCancellationRequested && !TakenOver(HolderOf0(state)))
                {
                    await Task.Delay(50);
                }
            }

            var holder = HolderOf0(state);
            _output.WriteLine($"Stalled {id} (attempt {attempt}); partition 0 now held by {holder}");
            await Signal("CONT", host.Id);
            if (TakenOver(holder))
            {
                return;
            }

            await Task.Delay(_random.Next(50, 300));
        }

        Assert.Fail($"No host took partition 0 from the stalled {id} in five stalls.");

        bool TakenOver(string? holder) => holder is not null && holder != id;
    }

    private static string? HolderOf0(PostgresStateStore state) => state.GetLeases().First(l => l.Partition == 0).HostId;

    private static async Task Signal(string signal, int processId)
    {
        using var kill = Process.Start("kill", $"-{signal} {processId}");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The index of the live host that holds partition 0, once one does (after a kill, when the dead host's lease has run out).</summary>
    private async Task<int> HolderOfPartition0(PostgresStateStore state)
    {
        var index = -1;
        await Until(pollMilliseconds: 50, condition: () => (index = Array.IndexOf(_hostIds, state.GetLeases().FirstOrDefault(l => l.Partition == 0)?.HostId)) >= 0);
        return index;
    }

    private void AssertEveryVersionWrittenOnceInOrder(PostgresStateStore state, int[] versions)
    {
        var (fo, dataverse) = (_environments.Fo, _environments.Dataverse);
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
        _output.WriteLine($"{versions.Sum()} edits, {_started} host starts; partitions per live host at the end: {string.Join(", ", leases)}");
    }

    private static string Account(int record) => $"US{record + 1:0000}";

    private static string Name(int record, int version) => $"{Account(record)} v{version}";

    private void Start(int index)
    {
        var id = $"host-{Interlocked.Increment(ref _started)}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "DualWrite.CrashHost.dll"));
        start.ArgumentList.Add(_environments.Folder);
        start.ArgumentList.Add(Environments.SchemaFolder);
        start.ArgumentList.Add(_database.Url);
        start.ArgumentList.Add(id);
        if (_smallChunks)
        {
            start.ArgumentList.Add("small-chunks");
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Log(id, e.Data);
        process.ErrorDataReceived += (_, e) => Log(id, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        (_hosts[index], _hostIds[index]) = (process, id);
    }

    private void Log(string host, string? line)
    {
        if (line is not null)
        {
            _output.WriteLine($"{host}: {line}");
        }
    }
}
