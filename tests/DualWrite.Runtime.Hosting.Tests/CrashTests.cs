using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using DualWrite.Testing;
using static DualWrite.Runtime.Testing.HostObservation;

namespace DualWrite.Runtime.Hosting.Tests;

/// <summary>
/// Kills the crash host (SIGKILL on Linux) at random moments (seeded: see docs/testing.md) while this process keeps editing both sides, restarts it,
/// and checks at the end that every record holds its last write on both sides and that the runtime wrote each record's
/// versions to the other side exactly: none lost, none applied twice, none out of order.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Records = 40;
    private const int KillCycles = 5;
    private const int StagingKillCycles = 3;

    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "schemas");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dualwrite-crash-tests", Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public CrashTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public Task Killing_the_host_at_random_moments_loses_nothing_and_applies_nothing_twice_or_out_of_order() => TestSeed.RunAsync(async seed =>
    {
        _output.WriteLine($"Seed {seed}");
        Directory.CreateDirectory(_folder);
        using var fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(_folder, "fo.db"), Path.Combine(SchemaFolder, "fo.metadata.xml"));
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(SchemaFolder, "dataverse.metadata.xml"));
        using var state = new SqliteStateStore(Path.Combine(_folder, "state.db"));
        var random = new Random(seed);

        var host = Start();
        await Until(() => state.GetLink() is not null);
        Execute(fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '30', 'Wholesale')");

        // The customers' lookup needs the group on Dataverse; a pass that started before it was written would park them.
        await Until(() => CaughtUp(fo, dataverse, state, CustomersMap.Name));
        for (var i = 0; i < Records; i++)
        {
            Execute(fo, $"INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, PartyType, OnHoldStatus) VALUES ('USMF', '{Account(i)}', '{Name(i, 0)}', '30', 'Organization', 'No')");
        }

        await Until(() => CaughtUp(fo, dataverse, state, CustomersMap.Name));

        // The writer is the source of truth: odd records are edited in F&O, even ones in Dataverse, each with a version
        // that only grows, so the order the other side saw them in is in its change log.
        var versions = new int[Records];
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => Write(fo, dataverse, versions, new Random(seed + 1), stop.Token));

        for (var cycle = 0; cycle < KillCycles; cycle++)
        {
            // Each kill lands while the host has work: edits committed that it has not recorded as synced.
            await Task.Delay(random.Next(300, 1500));
            await Until(() => Behind(state, fo, dataverse));
            var heads = (Fo: fo.GetHead(), Dataverse: dataverse.GetHead());
            host.Kill();
            await host.WaitForExitAsync();

            var cursors = (Fo: state.GetCursor(CustomersMap.Name, Side.Fo) ?? 0, Dataverse: state.GetCursor(CustomersMap.Name, Side.Dataverse) ?? 0);
            _output.WriteLine($"Killed the host after cycle {cycle + 1}; heads {heads}, the state store's cursors {cursors}");
            Assert.True(cursors.Fo < heads.Fo || cursors.Dataverse < heads.Dataverse, $"Kill {cycle + 1} found the host idle: cursors {cursors}, heads {heads}.");
            await Task.Delay(random.Next(0, 300));
            host = Start();
        }

        await stop.CancelAsync();
        await writer;
        await Until(() => CaughtUp(fo, dataverse, state, CustomersMap.Name));
        host.Kill();
        await host.WaitForExitAsync();

        Assert.Empty(state.GetErrors());
        AssertEveryVersionArrivedOnceInOrder(fo, dataverse, versions);
        _output.WriteLine($"{versions.Sum()} edits, {KillCycles} kills; every version arrived once, in order.");
    });

    [Fact]
    public Task Killing_the_host_while_it_stages_and_while_it_replays_loses_nothing_and_applies_nothing_twice_or_out_of_order() => TestSeed.RunAsync(async seed =>
    {
        _output.WriteLine($"Seed {seed}");
        Directory.CreateDirectory(_folder);
        using var fo = EmbeddedEnvironment.Open(Side.Fo, Path.Combine(_folder, "fo.db"), Path.Combine(SchemaFolder, "fo.metadata.xml"));
        using var dataverse = EmbeddedEnvironment.Open(Side.Dataverse, Path.Combine(_folder, "dataverse.db"), Path.Combine(SchemaFolder, "dataverse.metadata.xml"));
        using var state = new SqliteStateStore(Path.Combine(_folder, "state.db"));
        var random = new Random(seed);

        var host = Start(smallChunks: true);
        await Until(() => state.GetLink() is not null);
        Execute(fo, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ('USMF', '30', 'Wholesale')");
        await Until(() => CaughtUp(fo, dataverse, state, CustomersMap.Name));
        for (var i = 0; i < Records; i++)
        {
            Execute(fo, $"INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, PartyType, OnHoldStatus) VALUES ('USMF', '{Account(i)}', '{Name(i, 0)}', '30', 'Organization', 'No')");
        }

        await Until(() => CaughtUp(fo, dataverse, state, CustomersMap.Name));
        var versions = new int[Records];
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => Write(fo, dataverse, versions, new Random(seed + 1), stop.Token));

        // The host reads the map's state at every pass, as it would after dualwrite pause / resume.
        // Each kill waits until the (re)started host is at work: staging has grown, or the replay has taken a chunk.
        for (var cycle = 0; cycle < StagingKillCycles; cycle++)
        {
            state.SetMapState(CustomersMap.Name, MapState.Paused);
            var before = state.CountStaged(CustomersMap.Name);
            await Until(() => state.CountStaged(CustomersMap.Name) > before + 50);
            await Task.Delay(random.Next(0, 400));
            host = await Restart(host, random, $"staging (cycle {cycle + 1}), {state.CountStaged(CustomersMap.Name)} staged");
            await Until(() => state.CountStaged(CustomersMap.Name) > before + 300);
            var backlog = state.CountStaged(CustomersMap.Name);
            state.SetMapState(CustomersMap.Name, MapState.Replaying);
            await Until(() => state.CountStaged(CustomersMap.Name) < backlog || state.GetMapState(CustomersMap.Name) != MapState.Replaying);
            await Task.Delay(random.Next(0, 150));
            host = await Restart(host, random, $"{state.GetMapState(CustomersMap.Name)} (cycle {cycle + 1}), {state.CountStaged(CustomersMap.Name)} of {backlog} staged left");
        }

        await stop.CancelAsync();
        await writer;
        await Until(() => state.GetMapState(CustomersMap.Name) == MapState.Running && CaughtUp(fo, dataverse, state, CustomersMap.Name));
        host.Kill();
        await host.WaitForExitAsync();

        Assert.Empty(state.GetErrors());
        Assert.Equal(0, state.CountStaged(CustomersMap.Name));
        AssertEveryVersionArrivedOnceInOrder(fo, dataverse, versions);
        _output.WriteLine($"{versions.Sum()} edits, {StagingKillCycles * 2} kills during staging and replay; every version arrived once, in order.");
    });

    public void Dispose()
    {
        // What the tool and the hosts opened, they disposed, clearing their own pools; ClearAllPools would also pull idle
        // connections from under tests running in parallel.
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Account(int record) => $"US{record + 1:0000}";

    private static string Name(int record, int version) => $"{Account(record)} v{version}";

    /// <summary>
    /// Each record ends at its last write on both sides, and since each is edited on one side only, the other side
    /// received every version, once, in order (odd records also received their creation, which was made in F&amp;O).
    /// </summary>
    private static void AssertEveryVersionArrivedOnceInOrder(EmbeddedEnvironment fo, EmbeddedEnvironment dataverse, int[] versions)
    {
        var foNames = Names(fo, "CustomersV3", "CustomerAccount", "OrganizationName");
        var dataverseNames = Names(dataverse, "accounts", "accountnumber", "name");
        for (var i = 0; i < Records; i++)
        {
            Assert.Equal(Name(i, versions[i]), foNames[Account(i)]);
            Assert.Equal(Name(i, versions[i]), dataverseNames[Account(i)]);
            var toDataverse = i % 2 == 1;
            var applied = AppliedVersions(toDataverse ? dataverse : fo, toDataverse ? "accounts" : "CustomersV3", toDataverse ? "accountnumber" : "CustomerAccount", toDataverse ? "name" : "OrganizationName", Account(i));
            var expected = Enumerable.Range(toDataverse ? 0 : 1, versions[i] + (toDataverse ? 1 : 0)).ToList();
            Assert.True(expected.SequenceEqual(applied), $"{Account(i)} was written to the other side as versions {string.Join(", ", applied)}; expected {(toDataverse ? 0 : 1)}..{versions[i]}");
        }
    }

    private static bool Behind(SqliteStateStore state, EmbeddedEnvironment fo, EmbeddedEnvironment dataverse) =>
        (state.GetCursor(CustomersMap.Name, Side.Fo) ?? 0) < fo.GetHead() || (state.GetCursor(CustomersMap.Name, Side.Dataverse) ?? 0) < dataverse.GetHead();

    private static void Write(EmbeddedEnvironment fo, EmbeddedEnvironment dataverse, int[] versions, Random writes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var record = writes.Next(Records);
            var name = Name(record, ++versions[record]);
            if (record % 2 == 1)
            {
                Execute(fo, $"UPDATE CustomersV3 SET OrganizationName = '{name}' WHERE CustomerAccount = '{Account(record)}'");
            }
            else
            {
                Execute(dataverse, $"UPDATE accounts SET name = '{name}' WHERE accountnumber = '{Account(record)}'");
            }

            Thread.Sleep(writes.Next(3));
        }
    }

    private async Task<Process> Restart(Process host, Random random, string during)
    {
        host.Kill();
        await host.WaitForExitAsync();
        _output.WriteLine($"Killed the host during {during}");
        await Task.Delay(random.Next(0, 200));
        return Start(smallChunks: true);
    }

    private Process Start(bool smallChunks = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DualWrite.CrashHost.dll"));
        start.ArgumentList.Add(_folder);
        start.ArgumentList.Add(SchemaFolder);
        if (smallChunks)
        {
            start.ArgumentList.Add("small-chunks");
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            _output.WriteLine("host: " + line);
        }
    }

    private static void Execute(EmbeddedEnvironment environment, string sql)
    {
        using var connection = Open(environment);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(EmbeddedEnvironment environment)
    {
        var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        return connection;
    }
}
