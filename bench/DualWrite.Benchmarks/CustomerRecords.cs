using Fo = Contoso.Integration.Fo;

namespace DualWrite.Benchmarks;

/// <summary>A realistic F&amp;O customer, the input of every transform benchmark.</summary>
internal static class CustomerRecords
{
    public static Fo.CustomerV3 Create() => new()
    {
        dataAreaId = "usmf",
        CustomerAccount = "US0042",
        OrganizationName = "Fabrikam Electronics",
        CustomerGroupId = "30",
        CreditLimit = 250000m,
        PaymentTerms = "Net60",
        AddressCity = "Seattle",
        OnHoldStatus = Fo.CustVendorBlocked.No,
        PartyType = Fo.DirPartyBaseType.Organization,
        LanguageId = "en-us",
    };
}
