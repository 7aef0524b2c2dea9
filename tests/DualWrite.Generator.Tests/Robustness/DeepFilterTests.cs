using System.Linq;
using DualWrite.Generator.Tests.Infrastructure;

namespace DualWrite.Generator.Tests.Robustness;

/// <summary>
/// Filters deeper or longer than the documented limits (docs/filters.md "Limits") stop with DW0004 at the token that
/// crosses the limit, instead of overflowing the stack of the build; filters at the limits compile, C# included.
/// </summary>
public sealed class DeepFilterTests
{
    private const string FoComparison = "(CustomerAccount == \"A\")";
    private const string DataverseComparison = "accountnumber eq 'A'";

    [Fact]
    public void Ten_thousand_nested_parentheses_in_an_FO_filter_are_DW0004_at_the_101st() =>
        Verify(fo: Marked(Enumerable.Repeat("(", 10_000), 100) + "CustomerAccount == \"A\"" + new string(')', 10_000));

    [Fact]
    public void Five_thousand_nested_parentheses_in_a_Dataverse_filter_are_DW0004_at_the_101st() =>
        Verify(dataverse: Marked(Enumerable.Repeat("(", 5_000), 100) + DataverseComparison + new string(')', 5_000));

    [Fact]
    public void Ten_thousand_nested_negations_in_a_Dataverse_filter_are_DW0004_where_the_nesting_passes_100() =>
        Verify(dataverse: Marked(Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? "not" : " ("), 100) + DataverseComparison + new string(')', 10_000));

    [Fact]
    public void A_chain_of_20000_ands_in_an_FO_filter_is_DW0004_at_the_501st() =>
        Verify(fo: Chain(FoComparison, "&&", 20_001));

    [Fact]
    public void A_chain_of_20000_ands_in_a_Dataverse_filter_is_DW0004_at_the_501st() =>
        Verify(dataverse: Chain(DataverseComparison, "and", 20_001));

    [Fact]
    public void Filters_at_the_limits_compile_to_CSharp_that_compiles()
    {
        var fo = new string('(', 99) + string.Join(" || ", Enumerable.Repeat(FoComparison, 501)) + new string(')', 99);
        var dataverse = new string('(', 99) + string.Join(" or ", Enumerable.Repeat(DataverseComparison, 501)) + new string(')', 99);
        Verify(fo, dataverse);
    }

    private static void Verify(string? fo = null, string? dataverse = null) => MapTest.Verify("namespace Tests\n" + MapTest.SchemaHeader + $$"""
        map Customers : fo CustomersV3 <-> dataverse accounts {
          company striped
          key CustomerAccount <-> accountnumber
          CustomerAccount <-> accountnumber
        {{(fo is null ? string.Empty : "  filter fo `" + fo + "`\n")}}{{(dataverse is null ? string.Empty : "  filter dataverse `" + dataverse + "`\n")}}}
        """);

    /// <summary>The parts joined, with the <paramref name="index"/>th marked as where DW0004 is expected.</summary>
    private static string Marked(System.Collections.Generic.IEnumerable<string> parts, int index) =>
        string.Concat(parts.Select((part, i) => i == index ? "{|DW0004:" + part + "|}" : part));

    private static string Chain(string comparison, string op, int terms) =>
        comparison + string.Concat(Enumerable.Range(1, terms - 1).Select(i => " " + (i == 501 ? "{|DW0004:" + op + "|}" : op) + " " + comparison));
}
