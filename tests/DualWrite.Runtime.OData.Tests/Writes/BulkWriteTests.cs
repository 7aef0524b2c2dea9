using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using Contoso.Integration.Dataverse;
using DualWrite.LocalOData.Faults;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests.Writes;

/// <summary>Runs of writes to one Dataverse table go as bulk messages; a refused record is isolated by splitting, the rest applied in order.</summary>
public sealed class BulkWriteTests
{
    private const string Gone = "ZZZZ";

    [Fact]
    public async Task One_refused_record_among_1000_is_isolated_the_other_999_are_applied_in_order_and_the_retried_pass_parks_it()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.DataverseService.InsertAsync("cdm_companies", Rows.Of(("cdm_companycode", Gone), ("cdm_name", Gone)));
        var descriptor = CustomerGroupsMap.Definition.Dataverse;

        using (var transaction = await pair.Dataverse.BeginTransactionAsync("dualwrite:test", CancellationToken.None))
        {
            for (var i = 1; i <= 1000; i++)
            {
                transaction.SetOrigin(Origin(i));
                await transaction.InsertAsync(descriptor, Group(i), CancellationToken.None);
            }

            // Record 500's company goes after its write was queued: the service refuses its bind (400), which only sending tells.
            await pair.DataverseService.DeleteAsync("cdm_companies", Rows.Of(("cdm_companycode", Gone)));
            pair.DataverseService.Requests.Clear();

            var refused = await Assert.ThrowsAsync<EnvironmentWriteException>(async () => await transaction.CommitAsync(CancellationToken.None));
            Assert.Contains("refused 1 of 1000 writes", refused.Message, StringComparison.Ordinal);
            Assert.Contains(Gone, Uri.UnescapeDataString(refused.Message), StringComparison.Ordinal);
        }

        var rows = pair.DataverseService.Rows("msdyn_customergroups").OrderBy(r => int.Parse(((string)r["msdyn_groupid"]!)[1..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 1000).Where(i => i != 500).Select(FaultTests.GroupId), rows.Select(r => (string)r["msdyn_groupid"]!));
        AssertAppliedInOrderPerRequest(rows);

        // Ten bulk requests of 100, and the refused one's halves down to the record: no request per record.
        var requests = pair.DataverseService.Requests.Entries.Where(e => e.Method == "POST").ToList();
        Assert.All(requests, e => Assert.Contains("CreateMultiple", e.Url, StringComparison.Ordinal));
        Assert.InRange(requests.Count, 11, 10 + (2 * 7));

        // The pass runs again and queues the same write: the refusal is answered there, so the engine parks that record.
        await pair.DataverseService.InsertAsync("cdm_companies", Rows.Of(("cdm_companycode", Gone), ("cdm_name", Gone)));
        using (var again = await pair.Dataverse.BeginTransactionAsync("dualwrite:test", CancellationToken.None))
        {
            again.SetOrigin(Origin(500));
            await Assert.ThrowsAsync<EnvironmentWriteException>(async () => await again.InsertAsync(descriptor, Group(500), CancellationToken.None));
        }

        // Once: a retry from the error list sends it.
        using (var retry = await pair.Dataverse.BeginTransactionAsync("dualwrite:test", CancellationToken.None))
        {
            retry.SetOrigin(Origin(500));
            await retry.InsertAsync(descriptor, Group(500), CancellationToken.None);
            await retry.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(1000, pair.DataverseService.Rows("msdyn_customergroups").Count);
    }

    [Fact]
    public async Task A_pass_parks_the_one_record_among_1000_that_the_service_refuses_in_that_pass_and_applies_the_other_999_in_order()
    {
        await using var pair = await ConnectedPair.StartAsync();
        for (var i = 1; i <= 1000; i++)
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", "Group " + i.ToString(CultureInfo.InvariantCulture))));
        }

        // Any request that carries record 500 is refused (400), as a service refuses a bulk request holding a record it cannot take.
        var refusal = pair.DataverseService.Faults.Inject(Fault.ServerError(400), times: 1000, method: "POST", bodyContains: "\"" + FaultTests.GroupId(500) + "\"");

        var result = pair.Runtime.SyncOnce();

        Assert.Equal(999, result.Synced);
        Assert.Equal(1, result.Failed);
        var error = Assert.Single(pair.Runtime.GetErrors());
        Assert.Contains(FaultTests.GroupId(500), error.Payload, StringComparison.Ordinal);
        Assert.Contains("400", error.Reason, StringComparison.Ordinal);
        var rows = pair.DataverseService.Rows("msdyn_customergroups").OrderBy(r => int.Parse(((string)r["msdyn_groupid"]!)[1..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 1000).Where(i => i != 500).Select(FaultTests.GroupId), rows.Select(r => (string)r["msdyn_groupid"]!));
        AssertAppliedInOrderPerRequest(rows);

        // A later change of the record waits behind the parked one; the passes that follow fail nothing.
        await pair.FoService.UpdateAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(500))), Rows.Of(("Description", "Changed")));
        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        Assert.Equal(1, Assert.Single(pair.Runtime.GetErrors()).WaitingChanges);

        // The refused bulk request's halves down to the record, not a request per record.
        Assert.InRange(refusal.Hits, 1, 10);
        pair.DataverseService.Faults.Clear();
        await pair.Runtime.RetryAsync(new DualWrite.Runtime.State.ErrorFilter());
        Assert.Empty(pair.Runtime.GetErrors());
        Assert.Equal("Changed", pair.DataverseService.Rows("msdyn_customergroups").Single(r => (string)r["msdyn_groupid"]! == FaultTests.GroupId(500))["msdyn_description"]);
    }

    [Fact]
    public async Task A_table_without_bulk_messages_is_learnt_once_and_written_in_changesets()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var descriptor = CustomerGroupsMap.Definition.Dataverse;
        var missing = pair.DataverseService.Faults.Inject(Fault.ServerError(501), times: 10, method: "POST", pathContains: "CreateMultiple");

        for (var run = 0; run < 2; run++)
        {
            using var transaction = await pair.Dataverse.BeginTransactionAsync("dualwrite:test", CancellationToken.None);
            for (var i = 1; i <= 20; i++)
            {
                var number = (run * 100) + i;
                transaction.SetOrigin(Origin(number));
                await transaction.InsertAsync(descriptor, Group(number), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(1, missing.Hits);
        Assert.Equal(40, pair.DataverseService.Rows("msdyn_customergroups").Count);
    }

    /// <summary>Lanes send blocks of a request's worth side by side; within a block (100 records, a bulk request's worth), the records were applied in order.</summary>
    private static void AssertAppliedInOrderPerRequest(IEnumerable<global::DualWrite.LocalOData.Hosting.ServiceRow> rows)
    {
        foreach (var block in rows.GroupBy(r => (int.Parse(((string)r["msdyn_groupid"]!)[1..], CultureInfo.InvariantCulture) - 1) / 100))
        {
            var versions = block.Select(r => long.Parse(r.ETag.Trim('W', '/', '"'), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(versions.Order(), versions);
        }
    }

    private static string Origin(int number) => "dualwrite:CustomerGroups#" + number.ToString(CultureInfo.InvariantCulture);

    private static Msdyn_customergroup Group(int number) => new()
    {
        msdyn_groupid = FaultTests.GroupId(number),
        msdyn_description = "Group " + number.ToString(CultureInfo.InvariantCulture),
        msdyn_company = new() { cdm_companycode = number == 500 ? Gone : "USMF" },
    };
}
