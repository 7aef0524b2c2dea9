using DualWrite;

namespace Contoso.Integration;

/// <summary>A currency as Contoso's finance code knows it: the F&amp;O <c>Currencies</c> entity.</summary>
[FoEntity("Currencies")]
public sealed class Currency
{
    public string? CurrencyCode { get; set; }

    public string? Name { get; set; }

    public string? Symbol { get; set; }

    /// <summary>Contoso's own: how invoices show the currency. No schema property has this name, so maps ignore it.</summary>
    public string Label => Symbol is null ? CurrencyCode ?? string.Empty : $"{CurrencyCode} ({Symbol})";
}

/// <summary>A currency row of Dataverse (<c>transactioncurrencies</c>), with Contoso's names for its columns.</summary>
[DataverseEntity("transactioncurrencies")]
public sealed class TransactionCurrency
{
    [EntityProperty("isocurrencycode")]
    public string? IsoCode { get; set; }

    [EntityProperty("currencyname")]
    public string? Name { get; set; }

    [EntityProperty("currencysymbol")]
    public string? Symbol { get; set; }
}
