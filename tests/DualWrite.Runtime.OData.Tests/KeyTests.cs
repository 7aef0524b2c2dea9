using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Tests.Support;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>Keys that URLs must escape: quotes (doubled inside OData literals), non-ASCII letters, '#', '&amp;' and spaces.</summary>
public sealed class KeyTests
{
    private const string Key = "O'Brä #&é";

    [Fact]
    public async Task A_key_with_quotes_and_non_ascii_characters_round_trips()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", Key), ("Description", "Søren's group")));

        pair.SyncUntilQuiet();
        var group = Assert.Single(pair.DataverseService.Rows("msdyn_customergroups"));
        Assert.Equal(Key, group["msdyn_groupid"]);
        Assert.Equal("Søren's group", group["msdyn_description"]);

        await pair.DataverseService.UpdateAsync("msdyn_customergroups", Rows.Of(("msdyn_customergroupid", group["msdyn_customergroupid"])), Rows.Of(("msdyn_description", "Ünïcödé 'quoted'")));
        pair.SyncUntilQuiet();
        var foGroup = Assert.Single(pair.FoService.Rows("CustomerGroups"));
        Assert.Equal(Key, foGroup["CustomerGroupId"]);
        Assert.Equal("Ünïcödé 'quoted'", foGroup["Description"]);

        await pair.DataverseService.DeleteAsync("msdyn_customergroups", Rows.Of(("msdyn_customergroupid", group["msdyn_customergroupid"])));
        pair.SyncUntilQuiet();
        Assert.Empty(pair.FoService.Rows("CustomerGroups"));
    }
}
