using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.State.History;

namespace DualWrite.Runtime.Tests.History;

/// <summary>Retries and discards from the error list enter the record's history, in order with the rest of what happened to it.</summary>
public sealed class RetryHistoryTests
{
    [Fact]
    public void A_retry_that_fails_again_a_discard_and_the_change_that_follows_are_in_the_history_in_order()
    {
        using var world = new World(link: false);
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { RecordHistory = true });
        world.Runtime.Link(["USMF"]);
        world.SeedGroup();
        world.Runtime.Save(World.NewAccount("US5001", "Fabrikam"));
        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 999");
        world.Runtime.SyncOnce();
        world.Execute(world.Dataverse, "UPDATE accounts SET msdyn_onholdstatus = 806380002, name = 'Fabrikam Ltd'");
        world.Runtime.SyncOnce();
        var error = Assert.Single(world.Runtime.GetErrors());

        world.Runtime.Retry(error.Id);
        world.Runtime.Discard(error.Id);

        // From the first refusal: the live save before it may be recorded too.
        var history = world.State.GetRecordHistory("Customers", "USMF|US5001", 0, 100).SkipWhile(entry => entry.Kind != RecordEventKind.Refused).ToList();
        Assert.Equal(
            [RecordEventKind.Refused, RecordEventKind.Refused, RecordEventKind.Discarded, RecordEventKind.Retried],
            history.Select(entry => entry.Kind));
        Assert.Equal(history[0].Sequence, history[2].Sequence);
        Assert.Contains("OnHoldStatusCodes", history[1].Detail);
        Assert.True(history[3].Sequence > history[2].Sequence);
    }

    [Fact]
    public void A_retry_from_the_source_is_recorded_as_such()
    {
        using var world = new World(link: false);
        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { RecordHistory = true });
        world.Runtime.Link(["USMF"]);
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Runtime.SyncOnce();
        var error = Assert.Single(world.Runtime.GetErrors());
        world.Execute(world.Fo, "UPDATE CustomersV3 SET CustomerGroupId = '30' WHERE CustomerAccount = 'US0001'");

        Assert.True(world.Runtime.RetryFromSource(error.Id));

        Assert.Equal(
            [RecordEventKind.Refused, RecordEventKind.RetriedFromSource],
            world.State.GetRecordHistory("Customers", "USMF|US0001", 0, 100).Select(entry => entry.Kind));
    }
}
