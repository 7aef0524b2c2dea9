using System.Collections.Generic;
using DualWrite.Samples.Tests.OData;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Benchmarks;

/// <summary>
/// The records the filter benchmarks cycle through: eight per side, mixing verdicts and the branch where each
/// predicate decides (enum mismatch, null/empty group, other state), so no variant runs a single path. Each is
/// held both as a generated object (compiled predicate) and as a name/value dictionary (OData evaluation).
/// </summary>
internal static class FilterRecords
{
    public static Fo.CustomerV3[] Customers() => new[]
    {
        Customer(Fo.DirPartyBaseType.Organization, "30"),   // syncs
        Customer(Fo.DirPartyBaseType.Organization, null),   // F&O "": no group
        Customer(Fo.DirPartyBaseType.Person, "10"),         // not an organization
        Customer(Fo.DirPartyBaseType.Organization, "abc"),  // syncs
        Customer(Fo.DirPartyBaseType.Organization, ""),     // no group
        Customer(null, "30"),                               // party type missing
        Customer(Fo.DirPartyBaseType.LegalEntity, ""),      // neither
        Customer(Fo.DirPartyBaseType.Organization, "ABC"),  // syncs
    };

    public static Dataverse.Account[] Accounts() => new[]
    {
        Account(3, 0),      // syncs
        Account(3, 1),      // inactive
        Account(null, 0),   // no relationship type
        Account(1, 0),      // competitor
        Account(3, 0),      // syncs
        Account(3, null),   // no state
        Account(2, 1),      // neither
        Account(3, 0),      // syncs
    };

    public static IReadOnlyDictionary<string, object?>[] ToRecords(object[] entities)
    {
        var records = new IReadOnlyDictionary<string, object?>[entities.Length];
        for (var i = 0; i < entities.Length; i++)
        {
            records[i] = EntityRecords.ToRecord(entities[i]);
        }

        return records;
    }

    private static Fo.CustomerV3 Customer(Fo.DirPartyBaseType? partyType, string? groupId) => new()
    {
        dataAreaId = "usmf",
        CustomerAccount = "US0042",
        OrganizationName = "Fabrikam Electronics",
        CustomerGroupId = groupId,
        CreditLimit = 250000m,
        PaymentTerms = "Net60",
        AddressCity = "Seattle",
        OnHoldStatus = Fo.CustVendorBlocked.No,
        PartyType = partyType,
        LanguageId = "en-us",
    };

    private static Dataverse.Account Account(int? customerType, int? state) => new()
    {
        accountnumber = "US5001",
        name = "Adventure Works",
        creditlimit = 1000m,
        address1_city = "Berlin",
        customertypecode = customerType,
        statecode = state,
        msdyn_onholdstatus = 806380000,
        msdyn_paymentterms = 1,
    };
}
