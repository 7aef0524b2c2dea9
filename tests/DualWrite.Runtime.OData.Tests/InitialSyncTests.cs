using System;
using System.Linq;
using System.Threading.Tasks;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.OData.Tests.Support;
using Contoso.Integration;

namespace DualWrite.Runtime.OData.Tests;

/// <summary>The initial sync over HTTP: both sides read in key order, matched, the master's version written.</summary>
public sealed class InitialSyncTests
{
    [Fact]
    public async Task Initial_sync_matches_both_services_and_writes_the_differences()
    {
        await using var pair = await ConnectedPair.StartAsync();
        for (var i = 1; i <= 6; i++)
        {
            await pair.FoService.InsertAsync("CustomerGroups", Rows.Of(("dataAreaId", "USMF"), ("CustomerGroupId", FaultTests.GroupId(i)), ("Description", "F&O " + i)));
        }

        // Dataverse already holds group 2 with another description, and group 7, which F&O lacks.
        var usmf = FaultTests.CompanyId(pair, "USMF");
        await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", FaultTests.GroupId(2)), ("msdyn_description", "Dataverse 2"), ("_msdyn_company_value", usmf)));
        await pair.DataverseService.InsertAsync("msdyn_customergroups", Rows.Of(("msdyn_groupid", FaultTests.GroupId(7)), ("msdyn_description", "Dataverse 7"), ("_msdyn_company_value", usmf)));
        var runner = new InitialSyncRunner(pair.Fo, pair.Dataverse, pair.State, DualWriteMaps.All);

        var result = runner.Run(runner.Plan(skip: DualWriteMaps.All.Select(m => m.Name).Where(n => n != "CustomerGroups")), new InitialSyncOptions { Master = Side.Fo });

        Assert.Equal(0, result.Errors);
        var dataverse = pair.DataverseService.Rows("msdyn_customergroups").ToDictionary(r => (string)r["msdyn_groupid"]!, r => (string?)r["msdyn_description"]);
        Assert.Equal(7, dataverse.Count);
        Assert.Equal("F&O 2", dataverse[FaultTests.GroupId(2)]);
        var fo = pair.FoService.Rows("CustomerGroups").ToDictionary(r => (string)r["CustomerGroupId"]!, r => (string?)r["Description"]);
        Assert.Equal("Dataverse 7", fo[FaultTests.GroupId(7)]);

        // The initial sync's writes are tagged, so live sync does not echo them.
        Assert.Equal(0, pair.SyncUntilQuiet().Synced);
    }
}
