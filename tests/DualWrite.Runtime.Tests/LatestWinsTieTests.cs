using Contoso.Integration;

namespace DualWrite.Runtime.Tests;

public sealed class LatestWinsTieTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "F&O version")]
    [InlineData("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.001Z", "Dataverse version")]
    [InlineData("2026-01-01T00:00:00.001Z", "2026-01-01T00:00:00.000Z", "F&O version")]
    public void Latest_wins_takes_the_later_change_and_FO_on_a_tie(string foChangedAt, string dataverseChangedAt, string winner)
    {
        using var world = new World();
        world.SeedGroup();
        world.Runtime.Save(World.Customer("US0001", "Original"));
        world.SyncUntilQuiet();
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'F&O version'");
        world.Execute(world.Dataverse, "UPDATE accounts SET name = 'Dataverse version'");

        // Change times come from the clock; the test sets them so that the order (or the tie) is the one it asserts.
        SetLastChangeTime(world, world.Fo, "CustomersV3", foChangedAt);
        SetLastChangeTime(world, world.Dataverse, "accounts", dataverseChangedAt);
        var pass = world.Runtime.SyncOnce();
        world.SyncUntilQuiet();

        Assert.Equal((1, 0), (pass.Conflicts, pass.Failed));
        Assert.Equal((winner, winner), (world.FoCustomerOf("US0001")!.OrganizationName, world.AccountOf("US0001")!.name));
    }

    private static void SetLastChangeTime(World world, Runtime.Environments.Embedded.EmbeddedEnvironment environment, string entitySet, string changedAt) =>
        Assert.Equal(1, world.Execute(
            environment,
            "UPDATE dw_changes SET changed_at = $at WHERE sequence = (SELECT MAX(sequence) FROM dw_changes WHERE entity_set = $set)",
            ("$at", changedAt),
            ("$set", entitySet)));
}
