using System;
using System.Linq;
using Contoso.Integration;

namespace DualWrite.Runtime.Tests;

public sealed class ConvergenceTests
{
    [Fact]
    public void Both_sides_edited_in_a_loop_converge_and_nothing_keeps_bouncing()
    {
        using var world = new World(new IDualWriteMap[] { CustomerGroupsMap.Definition, CustomersMap.Definition });
        world.SeedGroup();
        const int customers = 25;
        for (var i = 0; i < customers; i++)
        {
            world.Runtime.Save(World.Customer($"US{i + 1:0000}", "Customer " + i));
        }

        var random = new Random(5);
        for (var change = 0; change < 3000; change++)
        {
            var account = $"US{random.Next(customers) + 1:0000}";
            var name = $"Name {change}";
            if (random.Next(2) == 0)
            {
                world.Execute(world.Fo, "UPDATE CustomersV3 SET OrganizationName = $name WHERE CustomerAccount = $account", ("$name", name), ("$account", account));
            }
            else
            {
                world.Execute(world.Dataverse, "UPDATE accounts SET name = $name WHERE accountnumber = $account", ("$name", name), ("$account", account));
            }

            if (change % 10 == 9)
            {
                world.Runtime.SyncOnce();
            }
        }

        world.SyncUntilQuiet();

        var fo = world.Fo.Query(World.FoCustomer).ToDictionary(c => c.CustomerAccount!, c => c.OrganizationName);
        var dataverse = world.Dataverse.Query(World.Account).ToDictionary(a => a.accountnumber!, a => a.name);
        Assert.Equal(customers, fo.Count);
        Assert.Equal(fo.OrderBy(p => p.Key), dataverse.OrderBy(p => p.Key));
        Assert.Empty(world.Runtime.GetErrors());

        var heads = (world.Fo.GetHead(), world.Dataverse.GetHead());
        var further = world.Runtime.SyncOnce();
        Assert.Equal((0, 0), (further.Read, further.Synced));
        Assert.Equal(heads, (world.Fo.GetHead(), world.Dataverse.GetHead()));
    }
}
