namespace DualWrite.Generator.Filters.Xpp;

// The syntax tree of an X++ query-range expression. Offsets are into the filter text.

internal abstract record XppNode(int Start, int Length);

internal sealed record XppAnd(XppNode Left, XppNode Right, int Start, int Length) : XppNode(Start, Length);

internal sealed record XppOr(XppNode Left, XppNode Right, int Start, int Length) : XppNode(Start, Length);

internal sealed record XppNot(XppNode Operand, int Start, int Length) : XppNode(Start, Length);

/// <summary>A construct already reported while parsing (a function call, another data source's field).</summary>
internal sealed record XppRefused(int Start, int Length) : XppNode(Start, Length);

internal enum XppOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
}

internal enum XppValueKind
{
    String,
    Number,
    Date,
    EnumValue,
    Boolean,
}

/// <summary>
/// A value: <see cref="Text"/> is the decoded string, the number or date as written, <c>true</c>/<c>false</c>;
/// for <see cref="XppValueKind.EnumValue"/>, <see cref="EnumType"/> and <see cref="Text"/> (the member).
/// </summary>
internal sealed record XppValue(XppValueKind Kind, string Text, string? EnumType, int Start, int Length);

/// <summary><c>(Field op value)</c>. A null <see cref="Value"/> or <see cref="Field"/> was refused while parsing.</summary>
internal sealed record XppComparison(
    string? Field,
    int FieldStart,
    int FieldLength,
    XppOperator Operator,
    int OperatorStart,
    int OperatorLength,
    XppValue? Value,
    int Start,
    int Length) : XppNode(Start, Length);
