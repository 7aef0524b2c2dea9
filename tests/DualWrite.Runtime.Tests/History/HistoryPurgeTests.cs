using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;

namespace DualWrite.Runtime.Tests.History;

/// <summary>
/// The history purge is a DELETE: it runs when the first pass starts (so entries an earlier run with history on left
/// still expire), then only while the runtime records history and at most once a minute, not with every pass.
/// </summary>
public sealed class HistoryPurgeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fifty_quick_passes_purge_the_history_once(bool recordHistory)
    {
        using var world = new World(link: false);
        var counting = new CountingStateStore(world.State);
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, counting, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { RecordHistory = recordHistory });
        world.Runtime.Link(["USMF"]);

        foreach (var _ in Enumerable.Range(0, 50))
        {
            world.Runtime.SyncOnce();
        }

        Assert.Equal(1, counting.Purges);
    }
}
