using System.Linq;

namespace DualWrite.Generator.Tests.Filters;

/// <summary>
/// What a filter past a limit is told (where DW0004 lands is tested by Robustness.DeepFilterTests): the limit and
/// what to write instead.
/// </summary>
public class FilterLimitsTests
{
    private const string Comparison = "(CustomerAccount == \"A\")";

    [Fact]
    public void Nesting_past_the_limit_says_how_deep_a_filter_may_nest()
    {
        var filter = new string('(', 101) + "CustomerAccount == \"A\"" + new string(')', 101);

        Assert.Equal(
            "the filter nests more than 100 levels of parentheses, negations or calls; remove redundant parentheses or split the condition",
            SyntaxError(filter));
    }

    [Fact]
    public void Conditions_past_the_limit_say_how_many_a_filter_may_join()
    {
        var filter = string.Join(" && ", Enumerable.Repeat(Comparison, 502));

        Assert.Equal(
            "the filter joins more than 500 conditions with 'and' / 'or'; filter on a field that groups the records instead",
            SyntaxError(filter));
    }

    private static string SyntaxError(string filter) =>
        Assert.Single(FoFilterCompilerTests.Customer().Fo(filter).Diagnostics, d => d.Id == "DW0004").GetMessage();
}
