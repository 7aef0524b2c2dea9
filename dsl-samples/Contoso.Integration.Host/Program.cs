using System;
using Contoso.Integration;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

// Runs the generated maps on a few Contoso records, both ways, and prints what each side would receive.
Console.WriteLine("DualWrite.Compiler sample: Contoso maps");
Console.WriteLine("Initial-sync order: " + string.Join(" -> ", DualWriteMaps.InitialSyncOrder));
Console.WriteLine();

var customers = new[]
{
    new Fo.CustomerV3
    {
        dataAreaId = "usmf", CustomerAccount = "US0042", OrganizationName = "Fabrikam Electronics", CustomerGroupId = "30",
        CreditLimit = 250000m, PaymentTerms = "Net60", AddressCity = "NEW YORK", OnHoldStatus = Fo.CustVendorBlocked.No,
        PartyType = Fo.DirPartyBaseType.Organization, LanguageId = "en-us",
    },
    new Fo.CustomerV3
    {
        dataAreaId = "demf", CustomerAccount = "US0043", OrganizationName = "Contoso Retail", CustomerGroupId = "10",
        CreditLimit = null, PaymentTerms = "Net10", AddressCity = "münchen", OnHoldStatus = Fo.CustVendorBlocked.Invoice,
        PartyType = Fo.DirPartyBaseType.Organization,
    },
    new Fo.CustomerV3 { dataAreaId = "usmf", CustomerAccount = "US0044", OrganizationName = "Jane Doe", PartyType = Fo.DirPartyBaseType.Person },
};

foreach (var customer in customers)
{
    Console.WriteLine($"F&O {CustomersMap.FoEntitySet} {CustomersMap.GetFoKey(customer)}");
    if (!CustomersMap.MatchesFoFilter(customer))
    {
        Console.WriteLine("  filtered out by the F&O source filter");
        continue;
    }

    var account = new Dataverse.Account();
    CustomersMap.ToDataverse(customer, account);
    Console.WriteLine($"  -> {CustomersMap.DataverseEntitySet} {CustomersMap.GetDataverseKey(account)}");
    Console.WriteLine($"     name={account.name}, creditlimit={account.creditlimit}, msdyn_paymentterms={account.msdyn_paymentterms}, " +
        $"address1_city={account.address1_city}, group={account.msdyn_customergroupid?.msdyn_groupid}, msdyn_onholdstatus={account.msdyn_onholdstatus}");
    Console.WriteLine($"     customer account number from F&O's range: {CustomersMap.CustomerAccounts.IsFoNumber(customer.CustomerAccount)}");

    var back = new Fo.CustomerV3();
    CustomersMap.ToFo(account, back);
    Console.WriteLine($"  <- back to F&O: {back.CustomerAccount} in {back.dataAreaId}, PaymentTerms={back.PaymentTerms}, LanguageId={back.LanguageId}, OnHoldStatus={back.OnHoldStatus}");
}

Console.WriteLine();
Console.WriteLine("F&O filter as OData: " + (CustomersMap.FoODataFilter ?? "(none)"));
