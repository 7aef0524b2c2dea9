using System.Linq;
using Contoso.Integration;
using UserMaps = DualWrite.Runtime.UserMaps;

namespace DualWrite.Runtime.Tests;

/// <summary>
/// A map over classes the user owns (Contoso's <see cref="Currency"/> and <see cref="TransactionCurrency"/>) runs
/// like any other: the runtime creates, reads and writes the user's objects through their generated descriptors.
/// </summary>
public sealed class UserOwnedMapTests
{
    [Fact]
    public void A_currency_round_trips_through_Contosos_own_classes()
    {
        using var world = new World();
        world.Fo.Save(CurrenciesMap.Definition.Fo, new Currency { CurrencyCode = "EUR", Name = "Euro", Symbol = "€" });
        world.SyncUntilQuiet();

        var row = world.Dataverse.Query(CurrenciesMap.Definition.Dataverse).Single(c => c.IsoCode == "EUR");
        Assert.Equal(("Euro", "€"), (row.Name, row.Symbol));

        world.Execute(world.Dataverse, "UPDATE transactioncurrencies SET currencyname = 'Euro (EMU)' WHERE isocurrencycode = 'EUR'");
        world.SyncUntilQuiet();

        var currency = world.Fo.Query(CurrenciesMap.Definition.Fo).Single(c => c.CurrencyCode == "EUR");
        Assert.Equal(("Euro (EMU)", "€", "EUR (€)"), (currency.Name, currency.Symbol, currency.Label));
    }

    [Fact]
    public void A_company_striped_map_reaches_the_company_through_a_class_of_the_users()
    {
        using var world = new World(new IDualWriteMap[] { UserMaps.VendorGroupsMap.Definition });
        var map = UserMaps.VendorGroupsMap.Definition;
        world.Fo.Save(map.Fo, new UserMaps.VendorGroup { Company = "USMF", GroupId = "10", Description = "Suppliers" });
        world.SyncUntilQuiet();

        var row = world.Dataverse.Query(map.Dataverse).Single(r => r.Code == "10");
        Assert.Equal(("Suppliers", "USMF"), (row.Text, row.Company?.Code));

        world.Dataverse.Save(map.Dataverse, new UserMaps.VendorGroupRow { Code = "20", Text = "Logistics", Company = new UserMaps.LegalEntity { Code = "USMF" } });
        world.SyncUntilQuiet();

        var group = world.Fo.Query(map.Fo).Single(g => g.GroupId == "20");
        Assert.Equal(("USMF", "Logistics"), (group.Company, group.Description));
    }
}
