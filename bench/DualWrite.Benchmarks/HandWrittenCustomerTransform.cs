using System;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Benchmarks;

/// <summary>
/// What a careful person would write by hand for the Customers map towards Dataverse: the limit the
/// generated code is measured against. Same semantics as the map, including the value maps and the
/// title-casing method.
/// </summary>
internal static class HandWrittenCustomerTransform
{
    public static void ToDataverse(Fo.CustomerV3 source, Dataverse.Account target)
    {
        (target.msdyn_company ??= new Dataverse.Cdm_company()).cdm_companycode = source.dataAreaId;
        target.accountnumber = source.CustomerAccount;
        target.name = source.OrganizationName;
        (target.msdyn_customergroupid ??= new Dataverse.Msdyn_customergroup()).msdyn_groupid = source.CustomerGroupId;
        target.creditlimit = source.CreditLimit ?? 0m;
        target.msdyn_paymentterms = PaymentTerms(source.PaymentTerms);
        target.customertypecode = 3;
        target.address1_city = Contoso.Integration.Text.TitleCase(source.AddressCity);
        target.msdyn_onholdstatus = source.OnHoldStatus switch
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
}
