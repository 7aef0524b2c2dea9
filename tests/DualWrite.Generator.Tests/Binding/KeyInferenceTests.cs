using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A map without <c>key</c> takes the one alternate key its fields identify; with several such keys it refuses to
/// guess (DW0020), since picking one would decide silently which rows the runtime pairs.
/// </summary>
public sealed class KeyInferenceTests
{
    private const string Header = "namespace Tests\n" + MapTest.SchemaHeader;

    private const string Groups = """
        map CustomerGroups : fo CustomerGroups <-> dataverse msdyn_customergroups {
          key CustomerGroupId <-> msdyn_groupid
          CustomerGroupId <-> msdyn_groupid
          Description     <-> msdyn_description
        }

        """;

    /// <summary>The sample schemas, with a second alternate key on accounts: telephone1 within the company.</summary>
    private static IReadOnlyDictionary<string, string> SchemasWithTwoAccountKeys() =>
        SampleSchemaEdits.WithAlternateKey("account", "telephone1", "_msdyn_company_value");

    [Fact]
    public void Two_alternate_keys_mapped_from_the_FO_key_are_an_error_naming_both()
    {
        var run = MapTest.Verify(Header + Groups + """
            map {|DW0020:Customers|} : fo CustomersV3 <-> dataverse accounts {
              CustomerAccount <-> accountnumber
              CustomerAccount -> telephone1
            }
            """, schemas: SchemasWithTwoAccountKeys());

        var message = run.Result.Diagnostics.Single().GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("2 alternate keys of 'accounts' could identify its rows", message);
        Assert.Contains("CustomerAccount <-> accountnumber", message);
        Assert.Contains("CustomerAccount <-> telephone1", message);
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == "Tests.CustomersMap.g.cs");
    }

    [Fact]
    public void With_the_second_key_unmapped_the_one_candidate_is_taken()
    {
        var run = MapTest.Verify(Header + Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              CustomerAccount <-> accountnumber
            }
            """, schemas: SchemasWithTwoAccountKeys());

        Assert.Contains("DataverseKey(string? CompanyCode, string? accountnumber)", run.GeneratedSources.Single(s => s.HintName == "Tests.CustomersMap.g.cs").Text);
    }

    [Fact]
    public void An_alternate_key_with_a_column_no_field_maps_is_no_candidate()
    {
        var run = MapTest.Verify(Header + Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              CustomerAccount <-> accountnumber
            }
            """, schemas: SampleSchemaEdits.WithAlternateKey("account", "accountnumber", "telephone1", "_msdyn_company_value"));

        Assert.Equal(
            new[] { "msdyn_company.cdm_companycode", "accountnumber" },
            GeneratedCode.Load(run).Definition("Tests.CustomersMap").DataverseKeyPaths.Select(p => string.Join(".", p.Segments)));
    }

    [Fact]
    public void In_a_striped_map_an_alternate_key_without_the_company_is_no_candidate()
    {
        var run = MapTest.Verify(Header + Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              CustomerAccount <-> accountnumber
              CustomerAccount -> telephone1
            }
            """, schemas: SampleSchemaEdits.WithAlternateKey("account", "telephone1"));

        Assert.Equal(
            new[] { "msdyn_company.cdm_companycode", "accountnumber" },
            GeneratedCode.Load(run).Definition("Tests.CustomersMap").DataverseKeyPaths.Select(p => string.Join(".", p.Segments)));
    }

    [Theory]
    [InlineData("OrganizationName <- accountnumber\n  CustomerAccount <-> accountnumber")]
    [InlineData("CustomerAccount <-> accountnumber\n  OrganizationName <- accountnumber")]
    public void The_key_column_is_paired_with_the_key_field_whatever_else_reads_it(string fields)
    {
        var run = MapTest.Verify(Header + Groups + "map Customers : fo CustomersV3 <-> dataverse accounts {\n  " + fields + "\n}\n");

        Assert.Equal(
            new[] { "dataAreaId", "CustomerAccount" },
            GeneratedCode.Load(run).Definition("Tests.CustomersMap").FoKeyPaths.Select(p => string.Join(".", p.Segments)));
    }
}
