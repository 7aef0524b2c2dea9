using System;
using System.Linq;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>Optimistic concurrency and deletes that polling cannot see.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task An_update_of_a_row_changed_since_it_was_read_is_refused_by_its_etag()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var usmf = FaultTests.CompanyId(pair, "USMF");
        await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", "40"), ("msdyn_description", "read"), ("_msdyn_company_value", usmf)));
        var map = CustomerGroupsMap.Definition;
        var key = new object?[] { "USMF", "40" };

        using (var transaction = pair.Dataverse.BeginTransaction("dualwrite:test"))
        {
            var group = transaction.Find(map.Dataverse, map.DataverseKeyPaths, key)!;
            await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", "40"), ("_msdyn_company_value", usmf)), Rows.Of(("msdyn_description", "changed meanwhile")));
            group.msdyn_description = "written over a stale read";
            transaction.Update(map.Dataverse, map.DataverseKeyPaths, key, group, new[] { "msdyn_description" });

            var error = Assert.Throws<EnvironmentWriteException>(() => transaction.Commit());
            Assert.Contains("412", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("changed meanwhile", Assert.Single(pair.DataverseService.Rows("msdyn_customergroups"))["msdyn_description"]);
    }

    [Fact]
    public async Task A_row_deleted_in_fo_is_found_by_the_key_scan_and_deleted_in_dataverse()
    {
        await using var pair = await ConnectedPair.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", "Group " + i)));
        }

        pair.SyncUntilQuiet();
        Assert.Equal(3, pair.DataverseService.Rows("msdyn_customergroups").Count);

        await pair.FoService.DeleteAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(2))));
        var result = pair.SyncUntilQuiet();

        Assert.Equal(1, result.Synced);
        Assert.Equal(new[] { FaultTests.GroupId(1), FaultTests.GroupId(3) }, pair.DataverseService.Rows("msdyn_customergroups").Select(r => (string)r["msdyn_groupid"]!).OrderBy(g => g, StringComparer.Ordinal));
    }
}
