using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;

namespace DualWrite.Runtime.Tests.Capabilities;

/// <summary>
/// A capability only makes the engine cheaper: an environment that cannot select by origin, count, insert without
/// looking or keep earlier images, or one that finds in batches, gives every pass the same outcome as the embedded
/// environment with its own capabilities, because the engine does the missing part itself (ChangeLogReads).
/// </summary>
public sealed class CapabilityTests
{
    // The scenario over the embedded environment's own capabilities, which every mask is compared with.
    private static readonly Lazy<Outcome> Reference = new(() => Scenario(EnvironmentCapabilities.None, EnvironmentCapabilities.None, out _));

    public static TheoryData<EnvironmentCapabilities, EnvironmentCapabilities> Masks => new()
    {
        { EnvironmentCapabilities.ReadsByOrigin, EnvironmentCapabilities.None },
        { EnvironmentCapabilities.NativeChangeCounts, EnvironmentCapabilities.None },
        { EnvironmentCapabilities.NativeTryInsert, EnvironmentCapabilities.None },
        { EnvironmentCapabilities.PreviousImages, EnvironmentCapabilities.None },
        { EnvironmentCapabilities.None, EnvironmentCapabilities.BatchFinds },
        { EnvironmentCapabilities.ReadsByOrigin | EnvironmentCapabilities.NativeChangeCounts | EnvironmentCapabilities.NativeTryInsert | EnvironmentCapabilities.PreviousImages, EnvironmentCapabilities.BatchFinds },
    };

    [Theory]
    [MemberData(nameof(Masks))]
    public void Every_pass_has_the_outcome_it_has_with_the_embedded_environments_own_capabilities(EnvironmentCapabilities removed, EnvironmentCapabilities added)
    {
        var expected = Reference.Value;
        Assert.DoesNotContain(expected.Accounts, a => a.StartsWith("US0002", StringComparison.Ordinal));
        Assert.DoesNotContain(expected.Accounts, a => a.StartsWith("US0003", StringComparison.Ordinal));
        Assert.Contains("US0001 Litware Ltd Seattle", expected.Accounts);
        Assert.Contains("US5001 Fabrikam Redmond", expected.Customers);
        Assert.Empty(expected.Errors);

        var masked = Scenario(removed, added, out _);

        Assert.Equal(expected.Passes, masked.Passes);
        Assert.Equal(expected.Accounts, masked.Accounts);
        Assert.Equal(expected.Customers, masked.Customers);
        Assert.Equal(expected.Errors, masked.Errors);
    }

    [Fact]
    public void A_target_that_finds_in_batches_is_asked_for_each_key_it_is_then_asked_to_find_and_for_no_record_the_filter_keeps_out()
    {
        Scenario(EnvironmentCapabilities.NativeTryInsert, EnvironmentCapabilities.BatchFinds, out var dataverse);

        Assert.Empty(dataverse.Unbatched);
        Assert.Contains(dataverse.Batched, k => k.Contains("US0001"));
        Assert.Contains(dataverse.Batched, k => k.Contains("US0003"));
        Assert.DoesNotContain(dataverse.Batched, k => k.Contains("US0002"));
    }

    private static Outcome Scenario(EnvironmentCapabilities removed, EnvironmentCapabilities added, out MaskedEnvironment maskedDataverse)
    {
        using var world = new World(link: false);
        var fo = new MaskedEnvironment(world.Fo, removed, added);
        maskedDataverse = new MaskedEnvironment(world.Dataverse, removed, added);
        world.Runtime.Dispose();
        world.Runtime = new DualWriteRuntime(fo, maskedDataverse, world.State, world.Maps, DualWriteMaps.NumberSequences);
        world.Runtime.Link(new[] { "USMF" });
        var passes = new List<string>();

        world.SeedGroup();
        world.Fo.Save(World.FoCustomer, World.Customer("US0001", "Litware"));
        var person = World.Customer("US0002", "Alex Wu");
        person.PartyType = Contoso.Integration.Fo.DirPartyBaseType.Person;
        world.Fo.Save(World.FoCustomer, person);
        world.Fo.Save(World.FoCustomer, World.Customer("US0003", "Contoso"));
        world.Dataverse.Save(World.Account, World.NewAccount("US5001", "Fabrikam"));
        SyncUntilQuiet(world, passes);

        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Inc' WHERE CustomerAccount = 'US0001'");
        world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = 'Litware Ltd' WHERE CustomerAccount = 'US0001'");
        world.Execute(world.Fo, "DELETE FROM CustomersV3 WHERE CustomerAccount = 'US0003'");
        world.Execute(world.Dataverse, "UPDATE accounts SET address1_city = 'Redmond' WHERE accountnumber = 'US5001'");
        SyncUntilQuiet(world, passes);

        return new Outcome(
            passes,
            world.Dataverse.Query(World.Account).Select(a => $"{a.accountnumber} {a.name} {a.address1_city}").Order().ToList(),
            world.Fo.Query(World.FoCustomer).Select(c => $"{c.CustomerAccount} {c.OrganizationName} {c.AddressCity}").Order().ToList(),
            world.Runtime.GetErrors().Select(e => $"{e.Map} {e.RecordKey} {e.Reason}").ToList());
    }

    private static void SyncUntilQuiet(World world, List<string> passes)
    {
        for (var i = 0; i < 10; i++)
        {
            var result = world.Runtime.SyncOnce();
            passes.Add(result.ToString());
            if (result.Read == 0)
            {
                return;
            }
        }

        Assert.Fail("The maps did not settle: " + string.Join(" / ", passes));
    }

    private sealed record Outcome(List<string> Passes, List<string> Accounts, List<string> Customers, List<string> Errors);
}
