using System;
using System.IO;
using System.Linq;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.State;
using Contoso.Integration;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests;

public sealed class LinkTests
{
    [Fact]
    public void Linking_creates_the_company_rows_and_starts_at_the_current_heads()
    {
        using var world = new World(link: false);
        world.Fo.Save(World.FoGroup, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = "OLD" });

        var link = world.Runtime.Link(new[] { "USMF", "DEMF" });

        Assert.Equal((world.Fo.EnvironmentId, world.Dataverse.EnvironmentId), (link.FoEnvironmentId, link.DataverseEnvironmentId));
        Assert.Equal(2L, world.Scalar(world.Dataverse, "SELECT COUNT(*) FROM cdm_companies WHERE cdm_companycode IN ('USMF', 'DEMF')"));
        Assert.Equal(0, world.Runtime.SyncOnce().Read);
        Assert.Empty(world.Dataverse.Query(World.DataverseGroup));
        Assert.Throws<InvalidOperationException>(() => world.Runtime.Link(new[] { "USMF" }));
    }

    [Fact]
    public void Linking_if_unlinked_keeps_a_link_of_the_same_pair_and_its_state()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Runtime.SyncOnce();
        var linked = world.Runtime.CurrentLink!;

        var kept = world.Runtime.LinkIfUnlinked(new[] { "DEMF" });

        Assert.Equal(linked.LinkedAt, kept.LinkedAt);
        Assert.Equal(new[] { "USMF" }, kept.Companies);
        Assert.Single(world.Runtime.GetErrors());
    }

    [Fact]
    public void Nothing_syncs_unlinked_and_unlinking_clears_the_state_but_not_the_data()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Runtime.SyncOnce();
        Assert.Single(world.Runtime.GetErrors());

        world.Runtime.Unlink();

        Assert.Null(world.Runtime.CurrentLink);
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Throws<InvalidOperationException>(() => world.Runtime.SyncOnce());
        Assert.Throws<InvalidOperationException>(() => world.Runtime.Save(World.Customer("US0002", "Fabrikam")));
        Assert.NotNull(world.FoCustomerOf("US0001"));
        Assert.Single(world.Dataverse.Query(World.DataverseGroup));
    }

    [Fact]
    public void After_a_database_copy_the_runtime_refuses_to_sync_until_relinked_and_relinking_resets_cursors_and_state()
    {
        using var world = new World();
        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: "77"));
        world.Runtime.SyncOnce();
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Pending'");

        // A copy of the Dataverse database is a new environment (a sandbox refreshed from production keeps no identity of its own here).
        var copyPath = Path.Combine(world.Folder, "dataverse-copy.db");
        using (var source = new SqliteConnection(world.Dataverse.ConnectionString))
        using (var target = new SqliteConnection($"Data Source={copyPath}"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            target.Open();
            using var command = target.CreateCommand();
            command.CommandText = "UPDATE dw_environment SET environment_id = 'sandbox'";
            command.ExecuteNonQuery();
        }

        using var copy = EmbeddedEnvironment.Open(Side.Dataverse, copyPath, Path.Combine(World.SchemaFolder, "dataverse.metadata.xml"));
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, copy, world.State, world.Maps, DualWriteMaps.NumberSequences);
        Assert.Throws<InvalidOperationException>(() => world.Runtime.SyncOnce());

        var accountsBefore = copy.Query(World.Account).Count;
        var link = world.Runtime.Relink().Link;

        Assert.Equal("sandbox", link.DataverseEnvironmentId);
        Assert.Equal(new[] { "USMF" }, link.Companies);
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal(0, world.Runtime.SyncOnce().Read);
        Assert.Equal(accountsBefore, copy.Query(World.Account).Count);
        Assert.Equal("Pending", world.FoCustomerOf("US0001")!.OrganizationName);
        Assert.Equal(copy.GetHead(), world.State.GetCursor(CustomersMap.Name, Side.Dataverse));
    }

    [Fact]
    public void The_state_store_keeps_the_link_for_the_next_runtime()
    {
        using var world = new World(companies: new[] { "USMF" });
        world.Runtime.Dispose();

        world.Runtime = new DualWriteRuntime(world.Fo, world.Dataverse, new SqliteStateStore(Path.Combine(world.Folder, "state.db")), world.Maps, DualWriteMaps.NumberSequences);
        world.SeedGroup();

        Assert.Single(world.Dataverse.Query(World.DataverseGroup));
        Assert.Equal(MapState.Running, world.Runtime.GetMapState(CustomersMap.Name));
    }
}
