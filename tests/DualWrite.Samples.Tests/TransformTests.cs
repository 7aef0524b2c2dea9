using System;
using System.Linq;
using Contoso.Integration;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Samples.Tests;

/// <summary>The generated transforms of the sample maps, run on real values.</summary>
public sealed class TransformTests
{
    private static Fo.CustomerV3 Customer() => new()
    {
        dataAreaId = "usmf",
        CustomerAccount = "US0042",
        OrganizationName = "Fabrikam Electronics",
        CustomerGroupId = "30",
        CreditLimit = 250000m,
        PaymentTerms = "Net60",
        AddressCity = "NEW YORK",
        OnHoldStatus = Fo.CustVendorBlocked.Payment,
        PartyType = Fo.DirPartyBaseType.Organization,
        LanguageId = "de-de",
    };

    [Fact]
    public void Customer_to_account_copies_converts_and_sets_constants()
    {
        var account = new Dataverse.Account();
        CustomersMap.ToDataverse(Customer(), account);

        Assert.Equal("usmf", account.msdyn_company?.cdm_companycode);
        Assert.Equal("US0042", account.accountnumber);
        Assert.Equal("Fabrikam Electronics", account.name);
        Assert.Equal("30", account.msdyn_customergroupid?.msdyn_groupid);
        Assert.Equal(250000m, account.creditlimit);
        Assert.Equal(2, account.msdyn_paymentterms);
        Assert.Equal(3, account.customertypecode);
        Assert.Equal("New York", account.address1_city);
        Assert.Equal(806380003, account.msdyn_onholdstatus);
    }

    [Fact]
    public void Defaults_apply_to_null_sources_and_value_map_fallbacks_apply_to_unknown_values()
    {
        var customer = Customer();
        customer.CreditLimit = null;
        customer.PaymentTerms = "net10";
        var account = new Dataverse.Account();
        CustomersMap.ToDataverse(customer, account);

        Assert.Equal(0m, account.creditlimit);
        Assert.Equal(1, account.msdyn_paymentterms);

        customer.PaymentTerms = "Prepaid";
        CustomersMap.ToDataverse(customer, account);
        Assert.Equal(1, account.msdyn_paymentterms);
    }

    [Fact]
    public void Account_to_customer_flows_back_only_the_fields_that_flow_that_way()
    {
        var account = new Dataverse.Account
        {
            accountnumber = "US5001",
            name = "Adventure Works",
            msdyn_company = new Dataverse.Cdm_company { cdm_companycode = "demf" },
            msdyn_customergroupid = new Dataverse.Msdyn_customergroup { msdyn_groupid = "10" },
            creditlimit = 999m,
            msdyn_paymentterms = 3,
            address1_city = "berlin",
            msdyn_onholdstatus = 806380005,
        };
        var customer = new Fo.CustomerV3 { CreditLimit = 5m };
        CustomersMap.ToFo(account, customer);

        Assert.Equal("demf", customer.dataAreaId);
        Assert.Equal("US5001", customer.CustomerAccount);
        Assert.Equal("Adventure Works", customer.OrganizationName);
        Assert.Equal("10", customer.CustomerGroupId);
        Assert.Equal(5m, customer.CreditLimit);
        Assert.Equal("COD", customer.PaymentTerms);
        Assert.Equal("en-us", customer.LanguageId);
        Assert.Equal("Berlin", customer.AddressCity);
        Assert.Equal(Fo.CustVendorBlocked.Never, customer.OnHoldStatus);
    }

    [Fact]
    public void Value_without_an_entry_and_without_else_is_refused_not_guessed()
    {
        var account = new Dataverse.Account { msdyn_onholdstatus = 123 };
        var error = Assert.Throws<InvalidOperationException>(() => CustomersMap.ToFo(account, new Fo.CustomerV3()));
        Assert.Contains("OnHoldStatusCodes", error.Message);
        Assert.Contains("123", error.Message);
    }

    [Fact]
    public void Polymorphic_lookup_writes_the_candidate_and_reads_whichever_target_is_set()
    {
        var contact = new Dataverse.Contact();
        ContactsMap.ToDataverse(new Fo.ContactPersonV2 { dataAreaId = "usmf", ContactPersonId = "CP-1", AssociatedContactNumber = "US0042", IsReceivingDirectMail = Fo.NoYes.Yes }, contact);
        Assert.Equal("US0042", contact.parentcustomerid_account?.accountnumber);
        Assert.True(contact.donotemail);

        var person = new Fo.ContactPersonV2();
        ContactsMap.ToFo(contact, person);
        Assert.Equal("US0042", person.AssociatedContactNumber);
        Assert.Equal(Fo.NoYes.Yes, person.IsReceivingDirectMail);
    }

    [Fact]
    public void One_way_map_has_no_reverse_transform_and_sets_constants()
    {
        Assert.Null(typeof(ProductsMap).GetMethod("ToFo"));
        var product = new Dataverse.Msdyn_globalproduct();
        ProductsMap.ToDataverse(new Fo.ProductV2 { ProductNumber = "P-100", ProductName = "Speaker", ProductType = Fo.EcoResProductType.Service }, product);
        Assert.Equal("P-100", product.msdyn_productnumber);
        Assert.Equal("", product.msdyn_description);
        Assert.Equal(2, product.msdyn_producttype);
        Assert.Equal(690970000, product.msdyn_fieldserviceproducttype);
    }

    [Fact]
    public void Integration_keys_compare_ignoring_case_and_include_the_company()
    {
        var fo = CustomersMap.GetFoKey(new Fo.CustomerV3 { dataAreaId = "USMF", CustomerAccount = "us0042" });
        Assert.Equal(CustomersMap.GetFoKey(Customer()), fo);
        Assert.Equal(CustomersMap.GetFoKey(Customer()).GetHashCode(), fo.GetHashCode());
        Assert.NotEqual(CustomersMap.GetFoKey(new Fo.CustomerV3 { dataAreaId = "demf", CustomerAccount = "US0042" }), fo);

        var account = new Dataverse.Account();
        CustomersMap.ToDataverse(Customer(), account);
        Assert.Equal(new CustomersMap.DataverseKey("usmf", "US0042"), CustomersMap.GetDataverseKey(account));
    }

    [Fact]
    public void Number_sequences_tell_which_side_owns_a_number()
    {
        Assert.True(CustomersMap.CustomerAccounts.IsFoNumber("US0042"));
        Assert.False(CustomersMap.CustomerAccounts.IsDataverseNumber("US0042"));
        Assert.True(CustomersMap.CustomerAccounts.IsDataverseNumber("us7000"));
        Assert.True(VendorsMap.VendorAccounts.IsFoNumber("F-0001"));
        Assert.True(VendorsMap.VendorAccounts.IsDataverseNumber("C-0001"));
        Assert.False(VendorsMap.VendorAccounts.IsFoNumber(null));
    }

    [Fact]
    public void Maps_are_listed_in_a_valid_initial_sync_order()
    {
        var order = DualWriteMaps.InitialSyncOrder;
        Assert.Equal(7, order.Count);
        foreach (var map in DualWriteMaps.All)
        {
            foreach (var dependency in map.DependsOn)
            {
                Assert.True(order.IndexOf(dependency) < order.IndexOf(map.Name), $"{map.Name} must come after {dependency}.");
            }
        }

        var customers = DualWriteMaps.All.Single(m => m.Name == "Customers");
        Assert.Equal(new[] { "CustomerGroups" }, customers.DependsOn);
        Assert.Same(CustomersMap.Definition, customers);
    }

    [Fact]
    public void Filters_select_the_records_that_sync()
    {
        var customer = Customer();
        Assert.True(CustomersMap.MatchesFoFilter(customer));
        customer.CustomerGroupId = null;
        Assert.False(CustomersMap.MatchesFoFilter(customer));
        customer.CustomerGroupId = "10";
        customer.PartyType = Fo.DirPartyBaseType.Person;
        Assert.False(CustomersMap.MatchesFoFilter(customer));

        Assert.True(CustomersMap.MatchesDataverseFilter(new Dataverse.Account { customertypecode = 3, statecode = 0 }));
        Assert.False(CustomersMap.MatchesDataverseFilter(new Dataverse.Account { customertypecode = 3 }));
        Assert.True(CustomerGroupsMap.MatchesFoFilter(new Fo.CustomerGroup()));
        Assert.Null(CustomerGroupsMap.FoODataFilter);
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this System.Collections.Generic.IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
