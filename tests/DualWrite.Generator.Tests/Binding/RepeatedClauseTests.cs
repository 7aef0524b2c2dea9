using DualWrite.Generator.Tests.Diagnostics;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Binding;

/// <summary>A 'company' or 'key' clause given twice in a map is DW0017 at the repeat, and the first one counts.</summary>
public sealed class RepeatedClauseTests
{
    [Fact]
    public void A_second_company_clause_is_reported_and_the_first_decides_the_scope()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              {|DW0010:company global|}
              {|DW0017:company striped|}
              key CustomerAccount <-> accountnumber
              CustomerAccount <-> accountnumber
            }
            """);

        Assert.Equal(
            new[]
            {
                "F&O entity 'CustomersV3' is company-specific (its key holds dataAreaId); write 'company striped' and pair it with a company-specific table.",
                "'company' is already given for this map; keep one.",
            },
            DiagnosticMessages.Of(run));
    }

    [Fact]
    public void A_second_key_clause_is_reported_and_the_first_is_bound()
    {
        var run = MapTest.Verify(CatalogTests.Header + CatalogTests.Groups + """
            map Customers : fo CustomersV3 <-> dataverse accounts {
              key CustomerAccount <-> accountnumber
              {|DW0017:key CustomerAccount <-> name|}
              CustomerAccount <-> accountnumber
            }
            """);

        Assert.Equal(
            new[] { "'key' is already given for this map; list all key pairs in one 'key' clause." },
            DiagnosticMessages.Of(run));
    }
}
