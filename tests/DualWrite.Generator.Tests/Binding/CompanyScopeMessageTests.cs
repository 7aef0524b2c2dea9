using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>A declared company scope that the F&amp;O entity contradicts (DW0010) says what the entity is and what to write.</summary>
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
}
