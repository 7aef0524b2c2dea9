using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// What a 'key' clause that does not fit says (DW0003, DW0008, DW0009, DW0019), each once and at the name it is about;
/// and the DW0020 of a map without one carries what the code fix writes.
/// </summary>
public sealed class KeyMessageTests
{
    [Fact]
    public void Unknown_names_in_the_key_are_each_reported_once_and_nothing_else()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key {|DW0003:CustomerAcount|} <-> accountnumber
              CustomerAccount <-> accountnumber
            }
            map Vendors : fo VendorsV2 <-> dataverse msdyn_vendors {
              key VendorAccountNumber <-> {|DW0003:msdyn_vendoraccount|}
              VendorAccountNumber <-> msdyn_vendoraccountnumber
            }
            map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
              key {|DW0003:ProductNumbr|} <-> {|DW0003:msdyn_productno|}
              ProductNumber -> msdyn_productnumber
            }
            """);

        Assert.Equal(
            new[]
            {
                "F&O entity 'CustomersV3' has no field 'CustomerAcount'. Did you mean 'CustomerAccount'?",
                "Dataverse table 'msdyn_vendors' has no column 'msdyn_vendoraccount'. Did you mean 'msdyn_vendoraccountnumber'?",
                "F&O entity 'ProductsV2' has no field 'ProductNumbr'. Did you mean 'ProductNumber'?",
                "Dataverse table 'msdyn_globalproducts' has no column 'msdyn_productno'. Did you mean 'msdyn_productnumber'?",
            },
            DiagnosticMessages.Of(run));
    }

    [Fact]
    public void A_key_that_is_not_the_entity_key_lists_the_fields_to_write_without_the_company_of_a_striped_map()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key {|DW0009:OrganizationName|} <-> accountnumber
              CustomerAccount <-> accountnumber
            }
            map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
              key {|DW0009:ProductName|} <-> msdyn_productnumber
              ProductNumber -> msdyn_productnumber
            }
            """);

        Assert.Equal(
            new[]
            {
                "The F&O key of 'CustomersV3' is (dataAreaId, CustomerAccount); list (CustomerAccount) (dataAreaId comes from company striping).",
                "The F&O key of 'ProductsV2' is (ProductNumber); list (ProductNumber).",
            },
            DiagnosticMessages.Of(run));
    }

    [Fact]
    public void Columns_that_are_no_alternate_key_are_reported_with_the_keys_there_are_and_the_company_of_a_striped_map()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> {|DW0008:name|}
              CustomerAccount <-> accountnumber
            }
            map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
              key ProductNumber <-> {|DW0008:msdyn_productname|}
              ProductNumber -> msdyn_productnumber
            }
            """);

        Assert.Equal(
            new[]
            {
                "(name, _msdyn_company_value) is not an alternate key of 'accounts'; its alternate keys are (accountnumber, _msdyn_company_value) (the company lookup is added by company striping).",
                "(msdyn_productname) is not an alternate key of 'msdyn_globalproducts'; its alternate keys are (msdyn_productnumber).",
            },
            DiagnosticMessages.Of(run));
    }

    [Fact]
    public void A_declared_key_may_be_any_one_of_the_tables_alternate_keys()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
            }
            """, schemas: SampleSchemaEdits.WithAlternateKey("account", "telephone1", "_msdyn_company_value"));

        Assert.Equal(
            new[] { "msdyn_company.cdm_companycode", "accountnumber" },
            GeneratedCode.Load(run).Definition("Tests.CustomersMap").DataverseKeyPaths.Select(p => string.Join(".", p.Segments)));
    }

    [Fact]
    public void A_key_mapped_one_way_in_a_two_way_map_is_told_the_mapping_to_add()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key {|DW0019:CustomerAccount|} <-> accountnumber
              CustomerAccount -> accountnumber
            }
            """);

        Assert.Equal(
            "Key field 'CustomerAccount' is not mapped both ways, so records created on one side lack their key on the other; add 'CustomerAccount <-> accountnumber'.",
            DiagnosticMessages.Of(run).Single());
    }

    [Fact]
    public void Without_a_key_the_one_single_column_alternate_key_is_offered_to_the_code_fix()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map {|DW0020:Products|} : fo ProductsV2 -> dataverse msdyn_globalproducts {
              ProductName -> msdyn_productname
            }
            """);

        var properties = run.Result.Diagnostics.Single().Properties;
        Assert.Equal(
            new Dictionary<string, string?> { ["DualWrite.FoKey"] = "ProductNumber", ["DualWrite.DataverseKey"] = "msdyn_productnumber" },
            properties.ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public void A_broken_entity_key_says_whether_it_is_missing_or_names_undeclared_properties()
    {
        const string map = """
            map CustomerGroups : fo {|DW0009:CustomerGroups|} <-> dataverse msdyn_customergroups {
              CustomerGroupId <-> msdyn_groupid
            }
            """;
        var undeclared = MapTest.Verify(CatalogTests.Header + map, schemas: Robustness.BrokenEntityKeyTests.WithCustomerGroup(fo => fo.Replace(
            "<Property Name=\"dataAreaId\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"4\" />\n        <Property Name=\"CustomerGroupId\"",
            "<Property Name=\"CustomerGroupId\"")));
        var missing = MapTest.Verify(CatalogTests.Header + map, schemas: Robustness.BrokenEntityKeyTests.WithCustomerGroup(fo => fo.Replace(
            "<Key>\n          <PropertyRef Name=\"dataAreaId\" />\n          <PropertyRef Name=\"CustomerGroupId\" />\n        </Key>\n",
            string.Empty)));

        Assert.Equal(
            "The <Key> of F&O entity type 'CustomerGroup' of 'CustomerGroups' names 'dataAreaId', which the type does not declare as a <Property>; correct the schema (export $metadata again).",
            DiagnosticMessages.Of(undeclared).Single());
        Assert.Equal(
            "F&O entity type 'CustomerGroup' of 'CustomerGroups' declares no <Key> in the schema, so its records cannot be identified; correct the schema (export $metadata again) or map another entity.",
            DiagnosticMessages.Of(missing).Single());
    }

    [Fact]
    public void A_striped_entity_keyed_by_the_company_alone_has_no_key_field_to_suggest()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map {|DW0020:CustomerGroups|} : fo CustomerGroups <-> dataverse msdyn_customergroups {
              CustomerGroupId <-> msdyn_groupid
            }
            """, schemas: Robustness.BrokenEntityKeyTests.WithCustomerGroup(fo => fo.Replace(
            "<PropertyRef Name=\"dataAreaId\" />\n          <PropertyRef Name=\"CustomerGroupId\" />",
            "<PropertyRef Name=\"dataAreaId\" />")));

        Assert.Equal(
            "Map 'CustomerGroups' has no 'key' and no alternate key of 'msdyn_customergroups' (it has (msdyn_groupid, _msdyn_company_value)) is mapped from the F&O key (); write 'key <Field> <-> <column>'.",
            DiagnosticMessages.Of(run).Single());
    }
}
