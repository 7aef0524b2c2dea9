using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// The binder's messages name the side, the field and the reason: the catalog tests pin each diagnostic's ID and span,
/// these pin what the user reads (mutation testing found the texts and their side choices unchecked).
/// </summary>
public sealed class BindingMessageTests
{
    private static string[] Messages(GeneratorRun run, string id) => DiagnosticMessages.Of(run, id);

    [Fact]
    public void An_unknown_entity_set_names_its_side_and_the_set()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map Customers : fo {|DW0002:CustomersV9|} <-> dataverse accounts {
              CustomerAccount <-> accountnumber
            }
            map Groups : fo CustomerGroups <-> dataverse {|DW0002:msdyn_customergroup|} {
              CustomerGroupId <-> msdyn_groupid
            }
            """);

        var messages = Messages(run, "DW0002");
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("The F&O schema has no entity set 'CustomersV9'.", messages[0]);
        Assert.StartsWith("The Dataverse schema has no entity set 'msdyn_customergroup'.", messages[1]);
    }

    [Fact]
    public void A_computed_target_names_its_side_the_field_and_the_direction_to_use()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
              OrganizationName -> {|DW0023:address1_composite|}
              {|DW0023:FullPrimaryAddress|} <- name
            }
            """);

        Assert.Equal(
            new[]
            {
                "Dataverse column 'address1_composite' is computed and cannot be written; map it '<-' only, or choose another column.",
                "F&O field 'FullPrimaryAddress' is computed and cannot be written; map it '->' only, or choose another field.",
            },
            Messages(run, "DW0023").OrderBy(m => m, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Mapping_dataAreaId_in_a_company_striped_map_says_the_runtime_sets_the_company()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Vendors : fo VendorsV2 <-> dataverse msdyn_vendors {
              key VendorAccountNumber <-> msdyn_vendoraccountnumber
              VendorAccountNumber <-> msdyn_vendoraccountnumber
              {|DW0010:dataAreaId|} <-> msdyn_dunsnumber
            }
            """);

        Assert.Equal(
            new[] { "In a 'company striped' map dataAreaId maps to msdyn_company.cdm_companycode by itself; remove this mapping." },
            Messages(run, "DW0010"));
    }
}
