using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Forwarding;
using static DualWrite.Runtime.Tests.Passes.CappedWorld;

namespace DualWrite.Runtime.Tests.Passes;

/// <summary>
/// A one-sided live step stops at <see cref="DualWriteRuntimeOptions.MaxChangesPerPass"/>: it commits there, its cursor at
/// the last change it dealt with, and the next pass goes on. Every change is applied once and in order, as if the passes
/// had run when the head stood at each stop.
/// </summary>
public sealed class PassCapTests
{
    [Fact]
    public void A_backlog_syncs_in_capped_passes_each_change_once_and_in_order()
    {
        using var world = Create(1_000, CustomerGroupsMap.Definition);

        // 2,000 new groups and 500 renames of the first, interleaved, so the renames cross both stops.
        OnFo(world, Enumerable.Range(0, 2_500).Select(i => i % 5 == 4 ? RenameGroup(0, "Version " + i) : InsertGroup(i)));

        var passes = new List<SyncResult>();
        for (var pass = world.Runtime.SyncOnce(); pass.Read > 0; pass = world.Runtime.SyncOnce())
        {
            passes.Add(pass);
            Assert.True(passes.Count < 10, "The backlog did not drain.");
        }

        Assert.Equal(new[] { (1_000, true), (1_000, true), (500, false) }, passes.Take(3).Select(p => (p.Synced, p.StoppedAtCap)));
        Assert.Equal(2_500, passes.Sum(p => p.Synced));
        Assert.Equal(FoChanges(world), WrittenToDataverse(world));
        Assert.Equal("Version 2499", DataverseDescription(world, 0));
        Assert.Equal(world.Fo.GetHead(), world.State.GetCursor(CustomerGroupsMap.Name, Side.Fo));
        Assert.Equal(world.Dataverse.GetHead(), world.State.GetCursor(CustomerGroupsMap.Name, Side.Dataverse));
        Assert.Empty(world.Runtime.GetErrors());
    }

    [Fact]
    public void A_save_beyond_the_cap_still_supersedes_the_records_change_before_it()
    {
        using var world = Create(3, CustomerGroupsMap.Definition);
        OnFo(world, Enumerable.Range(1, 4).Select(i => InsertGroup(i)));
        world.SyncUntilQuiet();

        // G0001's edit is the first change of the next pass, within its cap of three; the save of G0001 comes after the stop.
        OnFo(world, Enumerable.Range(1, 4).Select(i => RenameGroup(i, "Edited")));
        var saved = world.Fo.Query(World.FoGroup).Single(g => g.CustomerGroupId == Group(1));
        saved.Description = "Saved";
        world.Runtime.Save(saved);

        var pass = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.True(pass.StoppedAtCap);
        Assert.Equal("Saved", world.Fo.Query(World.FoGroup).Single(g => g.CustomerGroupId == Group(1)).Description);
        Assert.Equal("Saved", DataverseDescription(world, 1));
        Assert.Equal("Edited", DataverseDescription(world, 4));
    }

    [Fact]
    public void A_crash_between_the_commits_of_a_capped_pass_replays_nothing_twice()
    {
        using var world = Create(10, CustomerGroupsMap.Definition);
        OnFo(world, Enumerable.Range(0, 25).Select(i => i % 3 == 2 ? RenameGroup(0, "Version " + i) : InsertGroup(i)));

        CrashAfterTheEnvironmentsCommitted(world, cap: 10);
        Assert.Equal(10, WrittenToDataverse(world).Count);

        Restart(world, 10);
        world.SyncUntilQuiet();

        Assert.Equal(FoChanges(world), WrittenToDataverse(world));
        Assert.Equal("Version 23", DataverseDescription(world, 0));
        Assert.Empty(world.Runtime.GetErrors());
    }

    [Fact]
    public void After_a_crash_under_a_larger_cap_a_smaller_one_still_skips_what_the_crashed_pass_wrote()
    {
        // CustomerGroups' conflict policy is fail: a change taken for unwritten would meet the Dataverse edit as a conflict.
        using var world = Create(20, CustomerGroupsMap.Definition);
        OnFo(world, new[] { InsertGroup(0) });
        world.SyncUntilQuiet();
        OnFo(world, Enumerable.Range(1, 20).Select(i => RenameGroup(0, "Version " + i)));
        CrashAfterTheEnvironmentsCommitted(world, cap: 20);

        Restart(world, 5);
        var recovery = world.Runtime.SyncOnce();
        world.Execute(world.Dataverse, "UPDATE msdyn_customergroups SET msdyn_description = 'Edited in Dataverse'");
        world.SyncUntilQuiet();

        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal("Edited in Dataverse", world.Fo.Query(World.FoGroup).Single().Description);
        Assert.Equal(FoChanges(world), WrittenToDataverse(world));
        Assert.Equal((0, 0, false), (recovery.Synced, recovery.Failed, recovery.StoppedAtCap));
    }

    [Fact]
    public void A_later_map_goes_no_further_than_an_earlier_map_stopped_so_lookups_are_synced_first()
    {
        using var world = Create(3, CustomerGroupsMap.Definition, CustomersMap.Definition);
        foreach (var group in Enumerable.Range(1, 4))
        {
            world.Fo.Save(World.FoGroup, new Contoso.Integration.Fo.CustomerGroup { dataAreaId = "USMF", CustomerGroupId = Group(group), Description = "Group " + group });
        }

        // The customer's group is the fourth, beyond the groups map's first stop.
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware", group: Group(4)));

        var first = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.True(first.StoppedAtCap);
        Assert.Empty(world.Runtime.GetErrors());
        Assert.Equal(Group(4), world.AccountOf("US0001")!.msdyn_customergroupid?.msdyn_groupid);
    }

    [Fact]
    public void A_pass_reads_on_past_its_cap_rather_than_cut_a_records_changes_that_a_later_write_of_the_map_overwrote()
    {
        using var world = Create(3, CustomerGroupsMap.Definition, CustomersMap.Definition);
        world.SeedGroup();
        foreach (var number in new[] { "US0001", "US0002", "US0003" })
        {
            world.Fo.Save(World.FoCustomer, World.Customer(number, "Litware"));
        }

        world.SyncUntilQuiet();

        // US0001's name is edited before the cap's stop and its city after it; then a write of this map (one that carried
        // a Dataverse change and had read the row before the edits) puts both back. Both edits must be restored together.
        OnFo(world, new[]
        {
            "UPDATE CustomersV3 SET OrganizationName = 'Litware A' WHERE CustomerAccount = 'US0001'",
            "UPDATE CustomersV3 SET OrganizationName = 'Fabrikam' WHERE CustomerAccount = 'US0002'",
            "UPDATE CustomersV3 SET OrganizationName = 'Fabrikam' WHERE CustomerAccount = 'US0003'",
            "UPDATE CustomersV3 SET AddressCity = 'Redmond' WHERE CustomerAccount = 'US0001'",
            "UPDATE CustomersV3 SET OrganizationName = 'Litware', AddressCity = 'Seattle' WHERE CustomerAccount = 'US0001'",
            $"UPDATE dw_changes SET origin = 'dualwrite:{CustomersMap.Name}#{world.Dataverse.GetHead()}' WHERE sequence = (SELECT MAX(sequence) FROM dw_changes)",
        });

        world.SyncUntilQuiet();

        var fo = world.FoCustomerOf("US0001")!;
        var account = world.AccountOf("US0001")!;
        Assert.Equal(("Litware A", "Redmond"), (fo.OrganizationName, fo.AddressCity));
        Assert.Equal(("Litware A", "Redmond"), (account.name, account.address1_city));
        Assert.Empty(world.Runtime.GetErrors());
    }

    [Fact]
    public void A_later_map_whose_cursor_stands_past_where_an_earlier_map_stopped_keeps_it()
    {
        using var world = Create(3, CustomerGroupsMap.Definition, CustomersMap.Definition);
        world.SeedGroup();
        world.Runtime.Pause(CustomersMap.Name);
        OnFo(world, Enumerable.Range(1, 3).Select(i => InsertGroup(i)));
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        OnFo(world, Enumerable.Range(4, 3).Select(i => InsertGroup(i)));

        // Resumed without catch-up, the customers map stands at the head, past the customer; the groups map stops before it.
        Assert.Equal(1, world.Runtime.Resume(CustomersMap.Name, ResumeMode.SkipDiscard));
        var first = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.True(first.StoppedAtCap);
        Assert.Null(world.AccountOf("US0001"));
        Assert.Equal("New", DataverseDescription(world, 6));
    }

    [Fact]
    public void A_capped_pass_reads_no_entity_of_the_writes_the_passes_before_it_made()
    {
        using var world = Create(10, CustomerGroupsMap.Definition);
        using var dataverse = new CountedMaterializations(world.Dataverse);
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(world.Fo, dataverse, world.State, world.Maps, DualWriteMaps.NumberSequences, options: new DualWriteRuntimeOptions { MaxChangesPerPass = 10 });
        OnFo(world, Enumerable.Range(0, 25).Select(i => InsertGroup(i)));

        var passes = new List<SyncResult>();
        for (var pass = world.Runtime.SyncOnce(); pass.Read > 0; pass = world.Runtime.SyncOnce())
        {
            passes.Add(pass);
        }

        // Each pass after the first finds the writes of the one before in Dataverse's window: counted as skipped, not read.
        Assert.Equal(new[] { (10, true), (10, true), (5, false) }, passes.Take(3).Select(p => (p.Synced, p.StoppedAtCap)));
        Assert.Equal(new[] { 0, 10, 10, 5 }, passes.Select(p => p.Skipped));
        Assert.Equal(0, dataverse.Materialized);
        Assert.Equal(FoChanges(world), WrittenToDataverse(world));
    }

    [Fact]
    public void The_cap_must_be_positive()
    {
        var problem = Assert.Single(new DualWriteRuntimeOptions { MaxChangesPerPass = 0 }.Problems());
        Assert.Contains("changes per pass", problem, System.StringComparison.Ordinal);
    }

    /// <summary>Counts the entities the engine reads of an environment's changes; the test owns the inner environment.</summary>
    private sealed class CountedMaterializations(IDualWriteEnvironment inner) : ForwardingEnvironment(inner)
    {
        public int Materialized { get; private set; }

        protected override void Dispose(bool disposing)
        {
        }

        protected override IEnvironmentTransaction Wrap(IEnvironmentTransaction inner) => new Transaction(this, inner);

        private sealed class Transaction(CountedMaterializations owner, IEnvironmentTransaction inner) : ForwardingTransaction(inner)
        {
            public override ValueTask<T> MaterializeAsync<T>(EntityDescriptor<T> descriptor, ChangeRecord change, CancellationToken cancellationToken)
            {
                owner.Materialized++;
                return base.MaterializeAsync(descriptor, change, cancellationToken);
            }
        }
    }

    // The process dies after both environments committed the CustomerGroups pass and before the state store did.
    private static void CrashAfterTheEnvironmentsCommitted(World world, int cap)
    {
        var dying = new StateStoreDyingOnApply(world.State, update => update.Cursors.Any(c => c.Map == CustomerGroupsMap.Name));
        using var crashing = CappedWorld.Runtime(world, cap, dying);
        Assert.Throws<IOException>(() => crashing.SyncOnce());
    }
}
