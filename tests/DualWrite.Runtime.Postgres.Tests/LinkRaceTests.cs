using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Link;
using DualWrite.Testing.Postgres;

namespace DualWrite.Runtime.Postgres.Tests;

/// <summary>Two runtimes, each with its own store connection, link an unlinked PostgreSQL store at the same moment (a barrier), many times over.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LinkRaceTests : IDisposable
{
    private const int Rounds = 20;

    private readonly PostgresDatabase _database;
    private readonly Environments _environments = new();
    private readonly Environments _otherPair = new();
    private readonly List<IDisposable> _owned = new();
    private readonly PostgresStateStore _state;

    public LinkRaceTests(PostgresCluster cluster)
    {
        _database = cluster.CreateDatabase();
        _state = new PostgresStateStore(_database.ConnectionString);
    }

    [PostgresFact]
    public void Hosts_of_the_same_pair_link_once_and_both_go_on_with_the_winners_link()
    {
        var a = Runtime(_environments);
        var b = Runtime(_environments);
        for (var round = 0; round < Rounds; round++)
        {
            Unlink();

            // Different companies tell whose link was stored: both hosts must end up with that one.
            var (first, second) = Race(() => a.LinkIfUnlinked(new[] { "USMF" }), () => b.LinkIfUnlinked(new[] { "USMF", "DEMF" }));

            var stored = _state.GetLink()!;
            Assert.Equal(stored.Companies, first.Result!.Companies);
            Assert.Equal(stored.Companies, second.Result!.Companies);
            Assert.Equal(stored.Companies, a.CurrentLink!.Companies);
            Assert.Equal(2 * DualWriteMaps.All.Count, _state.GetCursors().Count);
        }
    }

    [PostgresFact]
    public void Of_two_hosts_calling_Link_at_once_one_links_and_the_other_is_told_the_store_is_linked()
    {
        var a = Runtime(_environments);
        var b = Runtime(_environments);
        for (var round = 0; round < Rounds; round++)
        {
            Unlink();

            var (first, second) = Race(() => a.Link(new[] { "USMF" }), () => b.Link(new[] { "USMF" }));

            var (won, lost) = first.Error is null ? (first, second) : (second, first);
            Assert.Null(won.Error);
            Assert.Contains("already links F&O", Assert.IsType<InvalidOperationException>(lost.Error).Message);
            Assert.Equal(won.Result!.LinkedAt.ToUnixTimeMilliseconds(), _state.GetLink()!.LinkedAt.ToUnixTimeMilliseconds());
        }
    }

    [PostgresFact]
    public void A_host_of_another_pair_that_loses_the_race_fails_clearly()
    {
        var a = Runtime(_environments);
        var other = Runtime(_otherPair);
        for (var round = 0; round < Rounds; round++)
        {
            Unlink();

            var (first, second) = Race(() => a.LinkIfUnlinked(new[] { "USMF" }), () => other.LinkIfUnlinked(new[] { "USMF" }));

            var (won, lost) = first.Error is null ? (first, second) : (second, first);
            Assert.Null(won.Error);
            Assert.Equal(won.Result!.FoEnvironmentId, _state.GetLink()!.FoEnvironmentId);
            Assert.Contains("not these environments", Assert.IsType<InvalidOperationException>(lost.Error).Message);
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _state.Dispose();
        _environments.Dispose();
        _otherPair.Dispose();
        _database.Dispose();
    }

    private static (Outcome, Outcome) Race(Func<EnvironmentLink> first, Func<EnvironmentLink> second)
    {
        using var barrier = new Barrier(2);
        Outcome Run(Func<EnvironmentLink> link)
        {
            barrier.SignalAndWait();
            try
            {
                return new Outcome(link(), null);
            }
            catch (InvalidOperationException exception)
            {
                return new Outcome(null, exception);
            }
        }

        var tasks = new[] { first, second }.Select(link => Task.Factory.StartNew(() => Run(link), TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(tasks);
        return (tasks[0].Result, tasks[1].Result);
    }

    private DualWriteRuntime Runtime(Environments environments)
    {
        var fo = environments.OpenFo();
        var dataverse = environments.OpenDataverse();
        var store = new PostgresStateStore(_database.ConnectionString);
        var runtime = new DualWriteRuntime(fo, dataverse, store, DualWriteMaps.All);
        _owned.AddRange(new IDisposable[] { runtime, fo, dataverse, store });
        return runtime;
    }

    private void Unlink()
    {
        _state.Reset();
        _state.SetLink(null);
    }

    private sealed record Outcome(EnvironmentLink? Result, Exception? Error);
}
