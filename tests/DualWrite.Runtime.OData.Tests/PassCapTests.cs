using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// A live pass over HTTP stops at <see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/> as it does over the embedded
/// environments: the journal reads a page of changes by origin, so a backlog is not read whole, and a pass holds at most
/// its cap's changes with their located rows and writes until it commits (the HTTP benchmark's run b held a round's
/// 50,000 before). The journal counts in a query, so the passes after a cap do not read the rest of the backlog to count it.
/// </summary>
public sealed class PassCapTests
{
    private const int Cap = 40;
    private const int Backlog = 100;

    [Fact]
    public async Task A_live_pass_over_http_writes_at_most_its_cap_of_a_backlog_and_reads_each_change_once()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.FoService.InsertManyAsync("CustomerGroups", Enumerable.Range(1, Backlog).Select(i => Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", "Group " + i))));
        var fo = new CountedReads(pair.Fo);
        using var runtime = new DualWriteRuntime(fo, pair.Dataverse, pair.State, DualWriteMaps.All, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { MaxChangesPerPass = Cap });

        var passes = new List<SyncResult>();
        for (var pass = 0; pass < 10 && (passes.Count == 0 || passes[^1].Read > 0); pass++)
        {
            passes.Add(runtime.SyncOnce());
        }

        // What a pass holds until it commits is a write per change it synced.
        Assert.All(passes, p => Assert.True(p.Synced <= Cap, $"A pass wrote {p.Synced} changes with a cap of {Cap}."));
        Assert.True(passes[0].StoppedAtCap);
        Assert.Equal(Backlog, passes.Sum(p => p.Synced));
        Assert.Equal(0, passes.Sum(p => p.Failed));
        var groups = pair.DataverseService.Rows("msdyn_customergroups").Select(r => (string)r["msdyn_groupid"]!).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(1, Backlog).Select(FaultTests.GroupId), groups);

        // Each pass counts the rest of the backlog; read to be counted, the passes would read it again and again.
        Assert.True(fo.Read <= Backlog + Cap, $"The passes read {fo.Read} changes of F&O's journal for a backlog of {Backlog}.");
    }

    [Fact]
    public async Task The_journal_counts_and_reads_a_page_of_the_changes_of_one_origin_in_order()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.FoService.InsertManyAsync("CustomerGroups", Enumerable.Range(1, 6).Select(i => Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", "Group " + i))));
        pair.SyncUntilQuiet();
        foreach (var i in new[] { 2, 5 })
        {
            await pair.FoService.UpdateAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i))), Rows.Of(("Description", "Edited " + i)));
        }

        // Groups not edited in F&O, so that no conflict decides away a Dataverse edit.
        foreach (var row in pair.DataverseService.Rows("msdyn_customergroups").Where(r => (string)r["msdyn_groupid"]! is not "G002" and not "G005"))
        {
            await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_customergroupid", row["msdyn_customergroupid"])), Rows.Of(("msdyn_description", "Edited in Dataverse")));
        }

        pair.SyncUntilQuiet();

        // Both journals now hold ordinary changes and the runtime's writes, interleaved.
        foreach (var environment in new IDualWriteEnvironment[] { pair.Fo, pair.Dataverse })
        {
            var set = environment.Side == Side.Fo ? "CustomerGroups" : "msdyn_customergroups";
            var head = await environment.GetHeadAsync(CancellationToken.None);
            var all = await environment.ReadChangesAsync(set, 0, head, ChangeOrigins.All, int.MaxValue, CancellationToken.None);
            Assert.Contains(all, c => c.IsFromRuntime);
            Assert.Contains(all, c => !c.IsFromRuntime);
            var from = all[2].Sequence;
            Assert.Equal(
                new ChangeCount(all.Count(c => c.Sequence > from), all.Count(c => c.Sequence > from && !c.IsFromRuntime)),
                await environment.CountChangesAsync(set, from, head, CancellationToken.None));
            foreach (var (origins, fromRuntime) in new[] { (ChangeOrigins.Ordinary, false), (ChangeOrigins.Runtime, true) })
            {
                var selected = all.Where(c => c.IsFromRuntime == fromRuntime).ToList();
                Assert.True(selected.Count >= 4, $"{environment.Side} holds {selected.Count} changes of origin {origins}.");

                var page = await environment.ReadChangesAsync(set, selected[0].Sequence, head, origins, 2, CancellationToken.None);

                Assert.Equal(selected.Skip(1).Take(2).Select(c => c.Sequence), page.Select(c => c.Sequence));
            }
        }
    }

    /// <summary>Counts the changes the engine reads of an environment's log.</summary>
    private sealed class CountedReads(IDualWriteEnvironment inner) : ForwardingEnvironment(inner)
    {
        public int Read { get; private set; }

        public override async ValueTask<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string entitySet, long afterSequence, long throughSequence, ChangeOrigins origins, int limit, CancellationToken cancellationToken)
        {
            var changes = await base.ReadChangesAsync(entitySet, afterSequence, throughSequence, origins, limit, cancellationToken);
            Read += changes.Count;
            return changes;
        }
    }
}
