using System.Linq;
using Contoso.Integration;

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
}
