using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Diagnostics;

/// <summary>
/// The build-time validation part of the catalog: filters, keys, companies, numbers, value maps and the
/// initial-sync order, each with a failing sample asserted by ID and exact span.
/// </summary>
public sealed class ValidationCatalogTests
{
    private const string Header = "namespace Tests\n" + MapTest.SchemaHeader;

    private const string Groups = """
        map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
          Description     <-> msdyn_description
        }

        """;

    private static string Customers(string items) => Groups + $$"""
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
        {{items}}
        }
        """;

    private static GeneratorRun Verify(string body) => MapTest.Verify(Header + body);

    [Fact]
    public void DW0004_filter_syntax_errors_in_both_languages() => Verify(Customers("""
          filter fo `((PartyType == "Organization") && {|DW0004:)|})`
          filter dataverse `customertypecode eq {|DW0004:)|}`
        """));

    [Fact]
    public void DW0005_filters_that_reach_through_lookups_or_other_data_sources() => Verify(Customers("""
          filter fo `({|DW0005:DirPartyTable.Name|} == "A")`
          filter dataverse `{|DW0005:msdyn_customergroupid/msdyn_groupid|} eq '10'`
        """));

    [Fact]
    public void DW0006_unsupported_functions() => Verify(Customers("""
          filter fo `(CreatedDateTime == {|DW0006:DayRange(-30,0)|})`
          filter dataverse `{|DW0006:tolower(name)|} eq 'a'`
        """));

    [Fact]
    public void DW0007_values_of_the_wrong_type_and_unknown_enum_members() => Verify(Customers("""
          filter fo `((CreditLimit > {|DW0007:"high"|}) || (PartyType == {|DW0007:"Robot"|}))`
          filter dataverse `statecode eq {|DW0007:'active'|}`
        """));

    [Fact]
    public void DW0011_filters_may_not_choose_companies() => Verify(Customers("""
          filter fo `({|DW0011:dataAreaId|} == "usmf")`
          filter dataverse `{|DW0011:_msdyn_company_value|} ne null`
        """));

    [Fact]
    public void DW0027_an_asterisk_compared_with_equals_is_a_warning_on_the_value() => Verify(Customers("""
          filter fo `((CustomerAccount == {|DW0027:"V0*"|}) || (CustomerAccount != {|DW0027:'A*B'|}) || (CustomerAccount like "C*"))`
        """));

    [Fact]
    public void DW0024_lone_equals_is_read_as_double_equals_with_a_warning()
    {
        var run = Verify(Customers("""
              filter fo `(CustomerGroupId {|DW0024:=|} "10")`
            """));
        var map = run.GeneratedSources.Single(s => s.HintName == "Tests.CustomersMap.g.cs").Text;
        Assert.Contains("MatchesFoFilter", map);
        Assert.Equal(DiagnosticSeverity.Warning, run.Result.Diagnostics.Single().Severity);
    }

    [Fact]
    public void DW0008_dataverse_key_is_not_an_alternate_key() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> {|DW0008:name|}
          CustomerAccount <-> accountnumber
          OrganizationName <-> name
        }
        """);

    [Fact]
    public void DW0009_fo_key_is_not_the_entity_key() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key {|DW0009:OrganizationName|} <-> accountnumber
          OrganizationName <-> accountnumber
        }
        """);

    [Fact]
    public void DW0010_company_specific_paired_with_global_or_company_mapped_by_hand() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          {|DW0010:company global|}
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
        }
        map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
          {|DW0010:company striped|}
          ProductNumber -> msdyn_productnumber
        }
        map Vendors : fo VendorsV2 <-> dataverse msdyn_vendors {
          key VendorAccountNumber <-> msdyn_vendoraccountnumber
          VendorAccountNumber <-> msdyn_vendoraccountnumber
          {|DW0010:dataAreaId|} <-> msdyn_dunsnumber
        }
        """);

    [Fact]
    public void DW0012_number_ranges_that_overlap_or_are_not_on_the_key() => Verify(Customers("") + """

        numbers Overlapping for Customers.CustomerAccount {
          fo        "US0001".."US5000"
          {|DW0012:dataverse "US5000".."US9999"|}
        }
        numbers Prefixes for Customers.CustomerAccount {
          fo        prefix "C"
          {|DW0012:dataverse prefix "CU"|}
        }
        numbers NotKey for Customers.{|DW0012:OrganizationName|} {
          fo        prefix "F"
          dataverse prefix "D"
        }
        """);

    [Fact]
    public void DW0013_value_map_duplicates_types_and_uncovered_enum_members() => Verify("""
        valuemap Terms {
          "Net30" <-> 1
          {|DW0013:"NET30"|} -> 2
        }
        valuemap Mixed {
          "Net30" <-> 1
          "Net60" <-> {|DW0013:"two"|}
        }
        valuemap {|DW0013:Hold|} {
          CustVendorBlocked::No -> 806380000
          CustVendorBlocked::All -> 806380002
        }
        """);

    [Fact]
    public void DW0013_and_DW0015_numbers_out_of_the_range_of_their_type() => Verify(Customers("""
          none -> customertypecode default {|DW0015:99999999999999999999|}
          CreditLimit -> creditlimit default {|DW0015:123456789012345678901234567890.5|}
        """) + """

        valuemap Codes {
          "A" <-> {|DW0013:99999999999999999999|}
          "B" <-> 2
        }
        """);

    [Fact]
    public void DW0016_cycle_through_after_is_an_error() => Verify("""
        map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
          key CustomerGroupId <-> msdyn_groupid
          after {|DW0016:Customers|}
          CustomerGroupId <-> msdyn_groupid
        }
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          after CustomerGroups
          CustomerAccount <-> accountnumber
        }
        """);

    [Fact]
    public void DW0016_lookup_only_cycle_is_information()
    {
        var run = Verify(Groups + """
            map {|DW0016:Customers|} : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
            }
            map Contacts : fo ContactPersonsV2 <-> dataverse contacts {
              key ContactPersonId <-> msdyn_contactpersonid
              ContactPersonId <-> msdyn_contactpersonid
              AssociatedContactNumber <-> parentcustomerid.Account(accountnumber).Contact(msdyn_contactpersonid)
            }
            """.Replace("{|DW0016:Customers|}", "Customers").Replace("map Contacts", "map {|DW0016:Contacts|}"));
        Assert.Equal(DiagnosticSeverity.Info, run.Result.Diagnostics.Single().Severity);
        Assert.Contains("two passes", run.Result.Diagnostics.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DW0019_key_field_not_mapped_both_ways() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key {|DW0019:CustomerAccount|} <-> accountnumber
          CustomerAccount -> accountnumber
        }
        """);

    [Fact]
    public void DW0020_no_key_and_no_candidate_alternate_key() => Verify(Groups + """
        map {|DW0020:Customers|} : fo CustomersV3 <-> dataverse accounts {
          OrganizationName <-> name
        }
        """);

    [Fact]
    public void Key_is_inferred_from_the_single_matching_alternate_key()
    {
        var run = Verify(Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              CustomerAccount <-> accountnumber
            }
            """);
        Assert.Contains("public readonly record struct DataverseKey(string? CompanyCode, string? accountnumber)", run.GeneratedSources.Single(s => s.HintName == "Tests.CustomersMap.g.cs").Text);
    }

    [Fact]
    public void DW0022_lookup_to_a_table_no_map_syncs() => Verify(Customers("""
          SalesCurrencyCode -> {|DW0022:transactioncurrencyid|}.isocurrencycode
        """));
}
