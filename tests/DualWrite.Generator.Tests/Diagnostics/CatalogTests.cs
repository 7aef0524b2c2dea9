using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Diagnostics;

/// <summary>
/// One failing sample per diagnostic of the catalog (DSL.md §5), each asserted by ID and exact span, with no
/// unasserted extras. The schemas are the sample project's.
/// </summary>
public sealed class CatalogTests
{
    internal const string Header = "namespace Tests\n" + MapTest.SchemaHeader;

    internal const string Groups = """
        map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
          Description     <-> msdyn_description
        }

        """;

    private static GeneratorRun Verify(string body, IEnumerable<string>? sources = null) => MapTest.Verify(Header + body, sources);

    [Fact]
    public void A_valid_map_has_no_diagnostics() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          OrganizationName <-> name
          CustomerGroupId <-> msdyn_customergroupid.msdyn_groupid
        }
        """);

    [Fact]
    public void DW0001_syntax_error_points_at_the_unexpected_token() => Verify("""
        map Customers : fo CustomersV3 <-> dataverse accounts {
          CustomerAccount {|DW0001:accountnumber|}
        }
        """);

    [Fact]
    public void DW0002_unknown_entity_sets_on_either_side() => Verify("""
        map Customers : fo {|DW0002:CustomersV9|} <-> dataverse accounts {
          CustomerAccount <-> accountnumber
        }
        map Groups : fo CustomerGroups <-> dataverse {|DW0002:msdyn_customergroup|} {
          CustomerGroupId <-> msdyn_groupid
        }
        """);

    [Fact]
    public void DW0003_unknown_fields_columns_and_lookups() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          {|DW0003:OrganisationName|} <-> name
          OrganizationName <-> {|DW0003:fullname|}
          CustomerGroupId <-> {|DW0003:msdyn_groupid|}.msdyn_groupid
          CustomerGroupId -> msdyn_customergroupid.{|DW0003:msdyn_group|}
        }
        """);

    [Fact]
    public void F_and_O_names_match_ignoring_case_and_generated_code_uses_the_schema_spelling()
    {
        var run = Verify(Groups.Replace("CUSTOMERGROUPS", "CustomerGroups") + """
            map Customers : fo CUSTOMERSV3 <-> dataverse accounts {
              key CUSTOMERACCOUNT <-> accountnumber
              CUSTOMERACCOUNT <-> accountnumber
              organizationname <-> name
            }
            """);
        var code = GeneratedCode.Load(run);
        var account = code.New("Tests.Dataverse.Account");
        code.Call("Tests.CustomersMap", "ToDataverse", code.New("Tests.Fo.CustomerV3", ("CustomerAccount", "C1"), ("OrganizationName", "Litware")), account);
        var customer = code.New("Tests.Fo.CustomerV3");
        code.Call("Tests.CustomersMap", "ToFo", code.New("Tests.Dataverse.Account", ("accountnumber", "C2"), ("name", "Fabrikam")), customer);
        Assert.Equal(("C1", "Litware"), (GeneratedCode.Get(account, "accountnumber"), GeneratedCode.Get(account, "name")));
        Assert.Equal(("C2", "Fabrikam"), (GeneratedCode.Get(customer, "CustomerAccount"), GeneratedCode.Get(customer, "OrganizationName")));
    }

    [Fact]
    public void DW0014_field_direction_outside_the_maps_direction() => Verify("""
        map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
          key ProductNumber <-> msdyn_productnumber
          ProductNumber -> msdyn_productnumber
          ProductName {|DW0014:<->|} msdyn_productname
          ProductDescription {|DW0014:<-|} msdyn_description
          none {|DW0014:<->|} msdyn_producttype default 1
        }
        """);

    [Fact]
    public void DW0015_types_differ_without_a_conversion() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          CreditLimit {|DW0015:<->|} name
          OnHoldStatus {|DW0015:->|} msdyn_onholdstatus
          none -> customertypecode default {|DW0015:"three"|}
          {|DW0015:none|} -> statecode
        }
        """);

    [Fact]
    public void Namespaces_that_differ_only_in_case_each_get_their_entity_classes()
    {
        var run = MapTest.Verify(new Dictionary<string, string>
        {
            ["a.dwmap"] = Header + "map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {\n  company striped\n" + Groups.Substring(Groups.IndexOf('\n') + 1),
            ["b.dwmap"] = """
                namespace TESTS
                map VendorGroups : fo VendorGroups <-> dataverse msdyn_vendorgroups {
                  company striped
                  key VendorGroupId <-> msdyn_vendorgroup
                  VendorGroupId <-> msdyn_vendorgroup
                }
                """,
        });
        var names = run.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2, names.Count(n => n.StartsWith("Tests.Dataverse.Cdm_company.", System.StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(names, n => n.EndsWith(".Dataverse.Cdm_company.2.g.cs", System.StringComparison.Ordinal));
    }

    [Fact]
    public void DW0017_duplicate_names_and_targets_mapped_twice() => MapTest.Verify(new Dictionary<string, string>
    {
        ["a.dwmap"] = Header + Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
              OrganizationName <-> name
              PartyNumber -> {|DW0017:name|}
            }
            """,
        ["b.dwmap"] = """
            namespace Tests
            valuemap {|DW0017:Customers|} {
              "A" <-> 1
            }
            """,
    });

    [Fact]
    public void DW0018_schema_missing() => MapTest.Verify("""
        namespace Tests
        schema dataverse "../schemas/dataverse.metadata.xml"
        map Customers : fo {|DW0018:CustomersV3|} <-> dataverse accounts {
          CustomerAccount <-> accountnumber
        }
        """);

    [Fact]
    public void DW0018_schema_not_among_additional_files_or_declared_twice() => MapTest.Verify(new Dictionary<string, string>
    {
        ["a.dwmap"] = "namespace Tests\n" + MapTest.SchemaHeader + Groups,
        ["b.dwmap"] = """
            namespace Tests
            schema fo "../schemas/fo.metadata.xml"
            schema dataverse {|DW0018:"../schemas/other.xml"|}
            """,
        ["c.dwmap"] = """
            schema fo {|DW0018:"fo.xml"|}
            """,
    });

    [Fact]
    public void DW0021_via_names_nothing_or_a_method_of_the_wrong_signature() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          OrganizationName <-> name via {|DW0021:NoSuchMap|}
          AddressCity <-> address1_city via {|DW0021:Tests.Text.Length|}
          PaymentTerms <-> msdyn_paymentterms via {|DW0021:Tests.Nowhere.Convert|}
        }
        """, new[] { "namespace Tests; public static class Text { public static int Length(string? value) => value?.Length ?? 0; }" });

    [Fact]
    public void Via_a_method_with_overloads_for_both_directions() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          PaymentTerms <-> msdyn_paymentterms via Tests.Terms.Convert
          CreditLimit -> creditlimit via Tests.Terms.Round
        }
        """, new[]
        {
            """
            namespace Tests;
            public static class Terms
            {
                public static int? Convert(string? value) => value is null ? null : value.Length;
                public static string? Convert(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                public static decimal Round(decimal value) => decimal.Round(value, 2);
            }
            """,
        });

    [Fact]
    public void DW0023_target_is_computed_or_read_only() => Verify(Groups + """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          OrganizationName -> {|DW0023:address1_composite|}
          {|DW0023:FullPrimaryAddress|} <- name
          FullPrimaryAddress -> creditlimit_base via NoSuch
        }
        """.Replace("FullPrimaryAddress -> creditlimit_base via NoSuch\n", string.Empty));

    [Fact]
    public void Inferred_keys_multi_level_lookups_polymorphic_targets_and_like_filters_compile()
    {
        var run = Verify(Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              filter fo `((OrganizationName like "Fab*") || (CreditLimit >= 1000.5))`
              filter dataverse `startswith(name,'Fab') or creditlimit ge 1000`
              conflict fail
              deletes ignore
              CustomerAccount <-> accountnumber
              OrganizationName <-> name
              CustomerGroupId -> msdyn_customergroupid.msdyn_groupid
              PartyNumber -> msdyn_customergroupid.msdyn_company.cdm_companycode
            }
            map {|DW0016:Contacts|} : fo ContactPersonsV2 <-> dataverse contacts {
              key ContactPersonId <-> msdyn_contactpersonid
              ContactPersonId <-> msdyn_contactpersonid
              AssociatedContactNumber <-> parentcustomerid.Account(accountnumber).Contact(msdyn_contactpersonid)
            }
            """);
        var code = GeneratedCode.Load(run);

        // A multi-level lookup path creates the lookups on its way.
        var account = code.New("Tests.Dataverse.Account");
        code.Call("Tests.CustomersMap", "ToDataverse", code.New("Tests.Fo.CustomerV3", ("CustomerAccount", "C1"), ("CustomerGroupId", "30"), ("PartyNumber", "P7")), account);
        Assert.Equal(("C1", "30", "P7"), (GeneratedCode.Get(account, "accountnumber"), GeneratedCode.Get(account, "msdyn_customergroupid.msdyn_groupid"), GeneratedCode.Get(account, "msdyn_customergroupid.msdyn_company.cdm_companycode")));

        // The F&O filter: a like pattern or a credit limit.
        bool FoMatches(string name, decimal creditLimit) => (bool)code.Call("Tests.CustomersMap", "MatchesFoFilter", code.New("Tests.Fo.CustomerV3", ("OrganizationName", name), ("CreditLimit", creditLimit)))!;
        Assert.Equal((true, true, false, true), (FoMatches("Fabrikam", 0m), FoMatches("Contoso", 1000.5m), FoMatches("Contoso", 1000.4m), FoMatches("Fab", 0m)));

        // A polymorphic lookup reads whichever target the row points to.
        string? Associated(params (string Path, object? Value)[] values)
        {
            var person = code.New("Tests.Fo.ContactPersonV2");
            code.Call("Tests.ContactsMap", "ToFo", code.New("Tests.Dataverse.Contact", values), person);
            return (string?)GeneratedCode.Get(person, "AssociatedContactNumber");
        }

        Assert.Equal("A1", Associated(("parentcustomerid_account.accountnumber", "A1")));
        Assert.Equal("CP1", Associated(("parentcustomerid_contact.msdyn_contactpersonid", "CP1")));
        Assert.Null(Associated());
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void DW0017_names_that_differ_only_in_case_are_duplicates() => Verify(Groups + """
        map {|DW0017:customerGroups|} : fo CustomerGroups <-> dataverse msdyn_customergroups {
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
        }
        """);
}
