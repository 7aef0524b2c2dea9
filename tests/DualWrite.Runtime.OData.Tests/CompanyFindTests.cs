using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>
/// A find by a key through the company lookup filters on the ids of that key's company: a transaction remembers the
/// ids each company's filter found, and one company's never answer for another's.
/// </summary>
public sealed class CompanyFindTests
{
    [Fact]
    public async Task A_pass_that_edits_one_group_id_in_two_companies_finds_and_updates_each_in_its_own_company()
    {
        await using var pair = await ConnectedPair.StartAsync();
        foreach (var company in new[] { "USMF", "DEMF" })
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", company), ("CustomerGroupId", "30"), ("Description", "Wholesale " + company)));
        }

        Assert.Equal(0, pair.SyncUntilQuiet().Failed);
        foreach (var company in new[] { "USMF", "DEMF" })
        {
            await pair.FoService.UpdateAsync("CustomerGroups", Rows.Of(("dataAreaId", company), ("CustomerGroupId", "30")), Rows.Of(("Description", "Edited " + company)));
        }

        var edited = pair.SyncUntilQuiet();

        Assert.Equal((2, 0), (edited.Synced, edited.Failed));
        Assert.Empty(pair.Runtime.GetErrors());
        Assert.Equal("Edited USMF", Description(pair, "USMF"));
        Assert.Equal("Edited DEMF", Description(pair, "DEMF"));
    }

    private static string? Description(ConnectedPair pair, string company) =>
        (string?)pair.DataverseService.Rows("msdyn_customergroups").Single(g => Equals(g["_msdyn_company_value"], FaultTests.CompanyId(pair, company)))["msdyn_description"];
}
