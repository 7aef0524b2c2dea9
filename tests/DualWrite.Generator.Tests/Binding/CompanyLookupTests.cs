extern alias Abstractions;

using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A Dataverse table is company-specific when its company lookup is in an alternate key: one such key is enough, a key
/// without the company still lets a global entity use the table, and a table without alternate keys is global.
/// </summary>
public sealed class CompanyLookupTests
{
    [Fact]
    public void A_table_with_the_company_in_one_alternate_key_of_two_pairs_with_a_striped_entity_and_with_a_global_one()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              CustomerAccount <-> accountnumber
            }
            map Phones : fo ProductsV2 -> dataverse accounts {
              ProductNumber -> telephone1
            }
            """, schemas: SampleSchemaEdits.WithAlternateKey("account", "telephone1"));

        var code = GeneratedCode.Load(run);
        var customers = code.Definition("Tests.CustomersMap");
        Assert.Equal(Abstractions::DualWrite.CompanyScope.Striped, customers.Company);
        Assert.Equal(new[] { "msdyn_company.cdm_companycode", "accountnumber" }, customers.DataverseKeyPaths.Select(p => string.Join(".", p.Segments)));
        var phones = code.Definition("Tests.PhonesMap");
        Assert.Equal(Abstractions::DualWrite.CompanyScope.Global, phones.Company);
        Assert.Equal(new[] { "telephone1" }, phones.DataverseKeyPaths.Select(p => string.Join(".", p.Segments)));
    }

    [Fact]
    public void A_table_with_the_company_lookup_but_no_alternate_key_is_global()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map Groups : fo CustomerGroups -> dataverse {|DW0010:msdyn_customergroups|} {
              CustomerGroupId -> msdyn_groupid
            }
            """, schemas: SampleSchemaEdits.WithoutAlternateKeys("msdyn_customergroup"));

        Assert.Equal(
            "F&O entity 'CustomerGroups' is company-specific but Dataverse table 'msdyn_customergroups' is global (no 'msdyn_company' lookup to 'cdm_company' in an alternate key); pair it with a company-specific table.",
            DiagnosticMessages.Of(run).Single());
    }

    [Fact]
    public void A_global_table_without_alternate_keys_pairs_with_a_global_entity_but_offers_no_key()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map {|DW0020:Products|} : fo ProductsV2 -> dataverse msdyn_globalproducts {
              ProductNumber -> msdyn_productnumber
            }
            """, schemas: SampleSchemaEdits.WithoutAlternateKeys("msdyn_globalproduct"));

        Assert.Equal(
            "Map 'Products' has no 'key' and no alternate key of 'msdyn_globalproducts' (it has none) is mapped from the F&O key (ProductNumber); write 'key ProductNumber <-> <column>'.",
            DiagnosticMessages.Of(run).Single());
    }
}
