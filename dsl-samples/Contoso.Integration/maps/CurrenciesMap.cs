using DualWrite;

namespace Contoso.Integration;

// A map over classes Contoso owns instead of generated ones: the attribute form of
//
//   map Currencies : fo Currencies <-> dataverse transactioncurrencies {
//     key CurrencyCode <-> isocurrencycode
//     CurrencyCode <-> isocurrencycode
//     Name         <-> currencyname
//     Symbol       <-> currencysymbol
//   }
//
// Currency and TransactionCurrency (Entities/Currencies.cs) are Contoso's own types, used elsewhere in its code;
// the generator checks them against the schemas and generates only the map and the classes' descriptors.
[DualWriteMap(typeof(Currency), "<->", typeof(TransactionCurrency))]
[Key(nameof(Currency.CurrencyCode), nameof(TransactionCurrency.IsoCode))]
[Field(nameof(Currency.CurrencyCode), "<->", nameof(TransactionCurrency.IsoCode))]
[Field(nameof(Currency.Name), "<->", nameof(TransactionCurrency.Name))]
[Field(nameof(Currency.Symbol), "<->", nameof(TransactionCurrency.Symbol))]
public static partial class CurrenciesMap
{
}
