using System.Globalization;

namespace DualWrite.Generator.Filters;

/// <summary>
/// How deep and how long a filter may be (docs/filters.md "Limits"). Parsers, compilers and the C# compiler that
/// builds the generated predicate all recurse over the expression, and a stack overflow cannot be caught: it would
/// end the build. Past a limit the parser stops with DW0004 at the token that crosses it, so nothing after it ever
/// sees an expression deeper than about <see cref="MaxNesting"/> + <see cref="MaxConditions"/> levels.
/// </summary>
internal static class FilterLimits
{
    /// <summary>Levels of parentheses, negations and function calls inside one another.</summary>
    public const int MaxNesting = 100;

    /// <summary>'and' / 'or' operators in one filter (each one adds a level to the expression the compilers walk).</summary>
    public const int MaxConditions = 500;

    /// <summary>Counts one more level opened at a token; throws past <see cref="MaxNesting"/>.</summary>
    public static void Enter(ref int depth, int offset, int length)
    {
        if (++depth > MaxNesting)
        {
            throw new FilterSyntaxException(offset, length,
                "the filter nests more than " + MaxNesting.ToString(CultureInfo.InvariantCulture) + " levels of parentheses, negations or calls; remove redundant parentheses or split the condition");
        }
    }

    /// <summary>Counts one more 'and' / 'or' at a token; throws past <see cref="MaxConditions"/>.</summary>
    public static void CountOperator(ref int operators, int offset, int length)
    {
        if (++operators > MaxConditions)
        {
            throw new FilterSyntaxException(offset, length,
                "the filter joins more than " + MaxConditions.ToString(CultureInfo.InvariantCulture) + " conditions with 'and' / 'or'; filter on a field that groups the records instead");
        }
    }
}
