using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DualWrite.Generator.Tests.Robustness;

/// <summary>
/// Whatever a .dwmap names, the generated C# compiles or a DW error says why: keywords are escaped, names that
/// clash with generated members or pass C#'s length limit are DW0026, line breaks in text never end a comment,
/// one value spelled two ways is one value.
/// </summary>
public sealed class GeneratedNameTests
{
    private const string Customers = """
        map Customers : fo CustomersV3 <-> dataverse accounts {
          company striped
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
          PaymentTerms    <-> msdyn_paymentterms   via {{via}}
        {{items}}
        }

        """;

    [Fact]
    public void Keywords_and_contextual_keywords_as_names_compile() =>
        MapTest.Verify("namespace fixed.file\n" + MapTest.SchemaHeader + Map(via: "lock") + """
            valuemap lock { "Net30" <-> 1 }
            valuemap required { "Net30" <-> 1 }
            valuemap record { "Net30" <-> 1 }
            numbers scoped for Customers.CustomerAccount {
              fo        prefix "F"
              dataverse prefix "C"
            }
            """);

    [Fact]
    public void Names_that_clash_with_generated_members_are_DW0026_and_drag_no_CSharp_error_behind() =>
        VerifyCompiles("namespace Tests\n" + MapTest.SchemaHeader + Map(via: "{|DW0021:ToDataverse|}") + """
            valuemap {|DW0026:ToDataverse|} { "Net30" <-> 1 }
            numbers {|DW0026:FoKey|} for Customers.CustomerAccount {
              fo        prefix "F"
              dataverse prefix "C"
            }
            numbers {|DW0026:Field|} for Customers.CustomerAccount {
              fo        prefix "G"
              dataverse prefix "D"
            }
            """);

    [Fact]
    public void Names_longer_than_CSharp_allows_are_DW0026() =>
        VerifyCompiles("namespace Tests\n" + MapTest.SchemaHeader + $$"""
            map {|DW0026:{{new string('M', 1_101)}}|} : fo CustomerGroups <-> dataverse msdyn_customergroups {
              key CustomerGroupId <-> msdyn_groupid
              CustomerGroupId <-> msdyn_groupid
            }
            valuemap {|DW0026:{{new string('V', 1_101)}}|} { "Net30" <-> 1 }
            """);

    [Fact]
    public void Line_separators_in_filters_and_numbers_do_not_end_a_comment() =>
        MapTest.Verify("namespace Tests\n" + MapTest.SchemaHeader + Map(via: "Terms", items: "  filter fo `(CustomerAccount == \"A\u2028B\u2029C\u0085D\")`") + """
            valuemap Terms { "Net30" <-> 1 }
            numbers Accounts for Customers.CustomerAccount {
              fo        prefix "F\u2028"
              dataverse prefix "C\u2029"
            }
            """.Replace("\\u2028", "\u2028").Replace("\\u2029", "\u2029"));

    [Fact]
    public void One_value_written_two_ways_in_a_value_map_is_DW0013_and_the_rest_compiles() =>
        VerifyCompiles("namespace Tests\n" + MapTest.SchemaHeader + Map(via: "Terms") + """
            valuemap Terms {
              "Net30" <-> 1
              "Net60" <-> 2
              "Net90" <- 00000000000000000003
              "COD"   <- {|DW0013:3|}
              "Cash"  <- {|DW0013:02|}
            }
            """);

    private static string Map(string via, string items = "") => Customers.Replace("{{via}}", via).Replace("{{items}}", items);

    /// <summary>The markup's diagnostics, and no C# error behind them.</summary>
    internal static void VerifyCompiles(string markup)
    {
        var run = MapTest.Verify(markup);
        var errors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "DW errors drag C# errors behind them:\n" + string.Join("\n", errors));
    }
}
