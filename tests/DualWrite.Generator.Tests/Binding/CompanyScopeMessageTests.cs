using System.Linq;
using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>
/// A company scope one side contradicts (DW0010) says what each side is and what to write, at the declared 'company'
/// clause, or without one at the end whose schema decided the scope.
/// </summary>
public sealed class CompanyScopeMessageTests
{
    [Fact]
    public void A_declared_scope_the_FO_entity_contradicts_names_the_entity_and_the_scope_to_write()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              {|DW0010:company global|}
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
            }
            map Products : fo ProductsV2 -> dataverse msdyn_globalproducts {
              {|DW0010:company striped|}
              ProductNumber -> msdyn_productnumber
            }
            """);

        Assert.Equal(
            new[]
            {
                "F&O entity 'CustomersV3' is company-specific (its key holds dataAreaId); write 'company striped' and pair it with a company-specific table.",
                "F&O entity 'ProductsV2' is global (its key has no dataAreaId), so the map cannot be company-striped; write 'company global' and pair it with a global table.",
            },
            DiagnosticMessages.Of(run));
    }

    [Fact]
    public void A_global_FO_entity_paired_with_a_company_specific_table_is_reported_at_the_declared_scope_or_else_the_map_name()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map Declared : fo ProductsV2 -> dataverse msdyn_customergroups {
              {|DW0010:company global|}
              ProductNumber -> msdyn_groupid
            }
            map {|DW0010:Implied|} : fo ProductsV2 -> dataverse msdyn_customergroups {
              ProductNumber -> msdyn_groupid
            }
            """);

        Assert.Equal(
            Enumerable.Repeat("Dataverse table 'msdyn_customergroups' is company-specific (every alternate key holds the company) but F&O entity 'ProductsV2' is global; pair global with global.", 2),
            DiagnosticMessages.Of(run));
    }

    [Fact]
    public void A_company_specific_FO_entity_paired_with_a_global_table_is_reported_at_the_declared_scope_or_else_the_Dataverse_set()
    {
        var run = MapTest.Verify(CatalogTests.Header + """
            map Declared : fo CustomerGroups -> dataverse msdyn_globalproducts {
              {|DW0010:company striped|}
              CustomerGroupId -> msdyn_productnumber
            }
            map Implied : fo CustomerGroups -> dataverse {|DW0010:msdyn_globalproducts|} {
              CustomerGroupId -> msdyn_productnumber
            }
            """);

        Assert.Equal(
            Enumerable.Repeat("F&O entity 'CustomerGroups' is company-specific but Dataverse table 'msdyn_globalproducts' is global (no 'msdyn_company' lookup to 'cdm_company' in an alternate key); pair it with a company-specific table.", 2),
            DiagnosticMessages.Of(run));
    }
}
