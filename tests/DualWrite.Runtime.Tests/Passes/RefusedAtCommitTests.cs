using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.State;
using Dataverse = Contoso.Integration.Dataverse;

namespace DualWrite.Runtime.Tests.Passes;

/// <summary>
/// A write the target refuses on its own at commit (a bulk request over HTTP that keeps the other records) parks its
/// change in the same pass, as a failed apply would: the refused change and its record's later changes of the pass
/// are taken back from the pass's counts, the record's earlier writes stand, and other records are untouched.
/// </summary>
public sealed class RefusedAtCommitTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_refused_update_parks_its_change_and_the_records_later_change_behind_it_and_keeps_the_rest()
    {
        using var world = new World(link: false);
        var reserved = true;
        var dataverse = new RefusingAtCommitEnvironment(world.Dataverse, entity =>
            reserved && entity is Dataverse.Account { name: "Adatum Second" } ? "The name is reserved." : null);
        Use(world, dataverse);
        world.SeedGroup();

        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Adatum First"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0003", "Contoso"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Adatum Second' WHERE CustomerAccount = 'US0002'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Adatum Third' WHERE CustomerAccount = 'US0002'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Contoso Ltd' WHERE CustomerAccount = 'US0003'");
        var pass = world.Runtime.SyncOnce();

        // The one skipped change is the echo of the group seeded before.
        Assert.Equal((4, 1, 0, 1), (pass.Synced, pass.Failed, pass.Unchanged, pass.Skipped));
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal(("Customers", Side.Fo, ChangeOperation.Update, "The name is reserved.", 1, SyncErrorKind.Value), (error.Map, error.Side, error.Operation, error.Reason, error.WaitingChanges, error.Kind));
        Assert.Contains("US0002", error.RecordKey);
        Assert.Contains("Adatum Second", error.Payload);
        Assert.Equal("Litware", world.AccountOf("US0001")!.name);
        Assert.Equal("Contoso Ltd", world.AccountOf("US0003")!.name);

        // The service kept the later write it did not refuse; a retry replays the parked change and the one behind it,
        // in order, so the record ends at its last edit.
        Assert.Equal("Adatum Third", world.AccountOf("US0002")!.name);
        reserved = false;
        Assert.Equal(1, await world.Runtime.RetryAsync(ErrorFilter.All));
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal("Adatum Third", world.AccountOf("US0002")!.name);
    }

    [Fact]
    public void A_refused_insert_parks_the_records_every_change_of_the_pass()
    {
        using var world = new World(link: false);
        var dataverse = new RefusingAtCommitEnvironment(world.Dataverse, entity =>
            entity is Dataverse.Account { accountnumber: "US0002" } ? "Duplicate record." : null);
        Use(world, dataverse);
        world.SeedGroup();

        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        world.Fo.Save(World.FoCustomer, World.Customer("US0002", "Adatum"));
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Adatum Ltd' WHERE CustomerAccount = 'US0002'");
        var pass = world.Runtime.SyncOnce();

        Assert.Equal((1, 1), (pass.Synced, pass.Failed));
        var error = Assert.Single(world.Runtime.GetErrors());
        Assert.Equal((ChangeOperation.Insert, "Duplicate record.", 1), (error.Operation, error.Reason, error.WaitingChanges));
        Assert.Null(world.AccountOf("US0002"));
        Assert.NotNull(world.AccountOf("US0001"));
    }

    [Fact]
    public void A_refusal_of_a_write_the_pass_did_not_make_fails_the_pass_and_names_it()
    {
        using var world = new World(link: false);
        var dataverse = new RefusingAtCommitEnvironment(world.Dataverse, _ => null);
        Use(world, dataverse);
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        dataverse.Stray = new RefusedWrite("dualwrite:Customers#999999", "Unknown write.");

        var exception = Assert.ThrowsAny<System.Exception>(() => world.Runtime.SyncOnce());

        var refused = Assert.IsType<EnvironmentWriteException>(exception is System.AggregateException aggregate ? aggregate.InnerException : exception);
        Assert.Equal("Dataverse refused a write this pass of Customers did not make (dualwrite:Customers#999999): Unknown write.", refused.Message);
    }

    private static void Use(World world, IDualWriteEnvironment dataverse)
    {
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);
        world.Runtime.Link(new[] { "USMF" });
    }
}
