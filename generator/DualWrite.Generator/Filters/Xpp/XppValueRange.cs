namespace DualWrite.Generator.Filters.Xpp;

/// <summary>
/// The query-range expression that means the same as a value range of the filter pane (<c>A*</c>, <c>1..10</c>,
/// <c>!A</c>, <c>a, b</c>): the rewrite DW0004 suggests, offered to tools that convert existing filters (the
/// <c>dualwrite import</c> command) so that both say the same.
/// </summary>
internal static class XppValueRange
{
    public static string ToExpression(string range, string field) => XppParser.ValueRangeHint(range, field);
}
