using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.InitialSync;
using static DualWrite.Runtime.Tests.InitialSyncWorld;

namespace DualWrite.Runtime.Tests.InitialSync;

/// <summary>The plan's checks of a given order and skip list, whatever order the host lists its maps in.</summary>
public sealed class InitialSyncPlannerTests
{
    private const string AllMaps = "('Currencies', 'VendorGroups', 'CustomerGroups', 'Customers', 'Contacts', 'Products', 'Vendors')";

    [Fact]
    public void An_order_that_names_a_map_twice_is_refused()
    {
        var order = DualWriteMaps.All.Select(m => m.Name).Append("Products");

        var refused = Assert.Throws<InitialSyncPlanException>(() => InitialSyncRunner.PlanFor(DualWriteMaps.All, order));

        Assert.Equal("The order names 'Products' more than once.", refused.Message);
    }

    [Fact]
    public void Unknown_names_are_refused_with_the_list_that_held_them_and_the_maps_there_are()
    {
        Assert.Equal(
            $"The order names 'Nope', which is not one of the maps {AllMaps}.",
            Assert.Throws<InitialSyncPlanException>(() => InitialSyncRunner.PlanFor(DualWriteMaps.All, order: new[] { "Nope" })).Message);
        Assert.Equal(
            $"The skip list names 'Nope', which is not one of the maps {AllMaps}.",
            Assert.Throws<InitialSyncPlanException>(() => InitialSyncRunner.PlanFor(DualWriteMaps.All, skip: new[] { "Nope" })).Message);
    }

    // Contacts look up Customers, which come after CustomerGroups: a chain of three. Each listing makes the depth-first
    // search meet the chain from another end; the order must be refused whichever it is.
    [Theory]
    [InlineData("Contacts", "Customers", "CustomerGroups")]
    [InlineData("CustomerGroups", "Customers", "Contacts")]
    [InlineData("Customers", "Contacts", "CustomerGroups")]
    public void A_chain_of_dependencies_is_checked_link_by_link_whatever_order_the_maps_are_listed_in(string first, string second, string third)
    {
        var maps = new[] { first, second, third }.Select(Map).Concat(DualWriteMaps.All.Where(m => m.Name is "Products" or "Vendors")).ToList();
        var order = new List<string> { "CustomerGroups", "Contacts", "Customers", "Products", "Vendors" };

        var refused = Assert.Throws<InitialSyncPlanException>(() => InitialSyncRunner.PlanFor(maps, order));

        Assert.Equal(
            "'Contacts' cannot run before 'Customers': it depends on it (an 'after' clause or a lookup to its table), so 'Customers' must come first.",
            refused.Message);
        Assert.Equal(new[] { "CustomerGroups", "Customers", "Contacts", "Products", "Vendors" }, InitialSyncRunner.PlanFor(maps, new[] { "CustomerGroups", "Customers", "Contacts", "Products", "Vendors" }).Order);
    }
}
