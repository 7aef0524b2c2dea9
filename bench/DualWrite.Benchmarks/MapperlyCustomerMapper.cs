using System;
using Riok.Mapperly.Abstractions;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Benchmarks;

/// <summary>
/// The Customers map towards Dataverse written with Mapperly, the best general-purpose generated mapper:
/// renamed members by attribute, the value maps and conversions as user methods.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.None)]
internal static partial class MapperlyCustomerMapper
{
    [MapProperty(nameof(Fo.CustomerV3.dataAreaId), "msdyn_company.cdm_companycode")]
    [MapProperty(nameof(Fo.CustomerV3.CustomerAccount), nameof(Dataverse.Account.accountnumber))]
    [MapProperty(nameof(Fo.CustomerV3.OrganizationName), nameof(Dataverse.Account.name))]
    [MapProperty(nameof(Fo.CustomerV3.CustomerGroupId), "msdyn_customergroupid.msdyn_groupid")]
    [MapProperty(nameof(Fo.CustomerV3.CreditLimit), nameof(Dataverse.Account.creditlimit), Use = nameof(CreditLimit))]
    [MapProperty(nameof(Fo.CustomerV3.PaymentTerms), nameof(Dataverse.Account.msdyn_paymentterms), Use = nameof(PaymentTerms))]
    [MapProperty(nameof(Fo.CustomerV3.AddressCity), nameof(Dataverse.Account.address1_city), Use = nameof(TitleCase))]
    [MapProperty(nameof(Fo.CustomerV3.OnHoldStatus), nameof(Dataverse.Account.msdyn_onholdstatus), Use = nameof(OnHoldStatus))]
    [MapValue(nameof(Dataverse.Account.customertypecode), 3)]
    public static partial void ToDataverse(Fo.CustomerV3 source, Dataverse.Account target);

    [UserMapping(Default = false)]
    private static decimal? CreditLimit(decimal? value) => value ?? 0m;

    [UserMapping(Default = false)]
    private static string? TitleCase(string? value) => Contoso.Integration.Text.TitleCase(value);

    [UserMapping(Default = false)]
    private static int? PaymentTerms(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (string.Equals(value, "Net30", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "Net10", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (string.Equals(value, "Net60", StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        return string.Equals(value, "COD", StringComparison.OrdinalIgnoreCase) ? 3 : 1;
    }

    [UserMapping(Default = false)]
    private static int? OnHoldStatus(Fo.CustVendorBlocked? value) => value switch
    {
        null => null,
        Fo.CustVendorBlocked.No => 806380000,
        Fo.CustVendorBlocked.Invoice => 806380001,
        Fo.CustVendorBlocked.All => 806380002,
        Fo.CustVendorBlocked.Payment => 806380003,
        Fo.CustVendorBlocked.Requisition => 806380004,
        Fo.CustVendorBlocked.Never => 806380005,
        _ => throw new InvalidOperationException("Unknown hold status."),
    };
}
