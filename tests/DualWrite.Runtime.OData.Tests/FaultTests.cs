using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.Runtime.OData.Payloads;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>The connectors under the faults real services show: throttling, failing changesets, lost answers.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_throttling_storm_is_waited_out_without_a_lost_or_doubled_change()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedGroupsAsync(pair, 12);
        var throttleDataverse = pair.DataverseService.Faults.Inject(Fault.Throttle(TimeSpan.FromSeconds(1)), times: 4);
        var throttleFo = pair.FoService.Faults.Inject(Fault.Throttle(TimeSpan.FromSeconds(1)), times: 3);

        var result = pair.SyncUntilQuiet();

        Assert.Equal(0, result.Failed);
        Assert.Equal(4, throttleDataverse.Hits);
        Assert.Equal(3, throttleFo.Hits);
        var groups = pair.DataverseService.Rows("msdyn_customergroups").Select(r => (string)r["msdyn_groupid"]!).OrderBy(g => g, StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(GroupId).ToList(), groups);

        // Retry-After was honoured: no request followed a 429 sooner than the second it asked for.
        var log = pair.DataverseService.Requests.Entries;
        for (var i = 0; i < log.Count - 1; i++)
        {
            if (log[i].Status == 429)
            {
                Assert.True(log[i + 1].Time - log[i].Time >= TimeSpan.FromMilliseconds(900), $"A request followed a 429 after {(log[i + 1].Time - log[i].Time).TotalMilliseconds} ms.");
            }
        }
    }

    [Fact]
    public async Task A_changeset_that_fails_half_way_leaves_nothing_behind()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedGroupsAsync(pair, 3);
        pair.DataverseService.Faults.Inject(Fault.FailChangesetOperation(2), times: 1, method: "POST", pathContains: "$batch");

        Assert.Throws<ODataServiceException>(() => pair.Runtime.SyncOnce());

        Assert.Empty(pair.DataverseService.Rows("msdyn_customergroups"));
        var result = pair.SyncUntilQuiet();
        Assert.Equal(0, result.Failed);
        Assert.Equal(3, pair.DataverseService.Rows("msdyn_customergroups").Count);
    }

    [Fact]
    public async Task A_batch_whose_answer_is_lost_after_it_committed_is_not_applied_again()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedGroupsAsync(pair, 5);
        pair.DataverseService.Requests.Clear();
        var drop = pair.DataverseService.Faults.Inject(Fault.DropMidResponse(), times: 1, method: "POST", pathContains: "$batch");

        var result = pair.SyncUntilQuiet();

        Assert.Equal(1, drop.Hits);
        Assert.Equal(0, result.Failed);
        Assert.Equal(5, pair.DataverseService.Rows("msdyn_customergroups").Count);
        Assert.Equal(1, pair.DataverseService.Requests.Entries.Count(e => e.Method == "POST" && e.Url.Contains("$batch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_batch_dropped_before_it_ran_is_sent_again_once()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await SeedGroupsAsync(pair, 5);
        pair.SyncUntilQuiet();
        await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", GroupId(2)), ("_msdyn_company_value", CompanyId(pair, "USMF"))), Rows.Of(("msdyn_description", "Renamed in Dataverse")));
        var drop = pair.FoService.Faults.Inject(Fault.DropBeforeProcessing(), times: 1, method: "POST", pathContains: "$batch");

        var result = pair.SyncUntilQuiet();

        Assert.Equal(1, drop.Hits);
        Assert.Equal(1, result.Synced);
        var group = pair.FoService.Rows("CustomerGroups").Single(r => (string)r["CustomerGroupId"]! == GroupId(2));
        Assert.Equal("Renamed in Dataverse", group["Description"]);
        Assert.Equal(5, pair.FoService.Rows("CustomerGroups").Count);
    }

    [Fact]
    public async Task A_write_of_ours_that_runs_late_is_not_taken_for_an_edit_on_the_other_side()
    {
        // Customer groups have the conflict policy 'fail', so a record mistaken for changed on both sides is parked.
        await using var pair = await ConnectedPair.StartAsync(attemptTimeout: TimeSpan.FromSeconds(1));
        await SeedGroupsAsync(pair, 4);
        pair.SyncUntilQuiet();
        for (var i = 1; i <= 4; i++)
        {
            await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", GroupId(i)), ("_msdyn_company_value", CompanyId(pair, "USMF"))), Rows.Of(("msdyn_description", "Edited in Dataverse " + i)));
        }

        // The F&O batch hangs past the attempt timeout, is found not applied and sent again, and then runs late.
        var hang = pair.FoService.Faults.Inject(Fault.Hang(TimeSpan.FromSeconds(3)), times: 1, method: "POST", pathContains: "$batch");
        pair.SyncUntilQuiet();
        while (!pair.FoService.Requests.Entries.Any(e => e.Fault == FaultKind.Hang))
        {
            await Task.Delay(50);
        }

        pair.SyncUntilQuiet();

        Assert.Equal(1, hang.Hits);
        Assert.Empty(pair.Runtime.GetErrors());
        var descriptions = pair.FoService.Rows("CustomerGroups").OrderBy(r => (string)r["CustomerGroupId"]!, StringComparer.Ordinal).Select(r => (string?)r["Description"]).ToList();
        Assert.Equal(Enumerable.Range(1, 4).Select(i => (string?)("Edited in Dataverse " + i)).ToList(), descriptions);
    }

    [Fact]
    public async Task A_late_write_the_feed_cannot_tell_from_an_edit_is_no_conflict_when_it_carries_the_other_sides_values()
    {
        // What a late batch leaves when the journal never learnt it was ours: F&O rows changed by an unknown writer, holding
        // exactly the values of the Dataverse edits still waiting to sync. Customer groups' policy is 'fail'.
        await using var pair = await ConnectedPair.StartAsync();
        await SeedGroupsAsync(pair, 4);
        pair.SyncUntilQuiet();
        for (var i = 1; i <= 4; i++)
        {
            await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", GroupId(i)), ("_msdyn_company_value", CompanyId(pair, "USMF"))), Rows.Of(("msdyn_description", "Edited in Dataverse " + i)));
            await pair.FoService.UpdateAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", GroupId(i))), Rows.Of(("Description", "Edited in Dataverse " + i)));
        }

        var result = pair.SyncUntilQuiet();

        Assert.Equal(0, result.Failed);
        Assert.Empty(pair.Runtime.GetErrors());
    }

    internal static string GroupId(int number) => "G" + number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    internal static object CompanyId(ConnectedPair pair, string code) =>
        pair.DataverseService.Rows("cdm_companies").Single(r => string.Equals((string?)r["cdm_companycode"], code, StringComparison.OrdinalIgnoreCase))["cdm_companyid"]!;

    private static async Task SeedGroupsAsync(ConnectedPair pair, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", GroupId(i)), ("Description", "Group " + i)));
        }
    }
}
