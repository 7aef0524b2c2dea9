using DualWrite.Generator.Common;

namespace DualWrite.Generator.Filters.OData;

// The syntax tree of an OData $filter expression. Offsets are into the filter text.

internal abstract record ODataNode(int Start, int Length);

internal sealed record ODataAnd(ODataNode Left, ODataNode Right, int Start, int Length) : ODataNode(Start, Length);

internal sealed record ODataOr(ODataNode Left, ODataNode Right, int Start, int Length) : ODataNode(Start, Length);

internal sealed record ODataNot(ODataNode Operand, int Start, int Length) : ODataNode(Start, Length);

internal enum ODataOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary><c>left op right</c>.</summary>
internal sealed record ODataComparison(ODataOperand Left, ODataOperator Operator, int OperatorStart, int OperatorLength, ODataOperand Right, int Start, int Length)
    : ODataNode(Start, Length);

/// <summary>An operand standing alone as a condition: a boolean column, <c>true</c>, a function call.</summary>
internal sealed record ODataCondition(ODataOperand Operand, int Start, int Length) : ODataNode(Start, Length);

/// <summary>A construct already reported while parsing.</summary>
internal sealed record ODataRefused(int Start, int Length) : ODataNode(Start, Length);

internal abstract record ODataOperand(int Start, int Length);

internal sealed record ODataSegment(string Name, int Start, int Length);

/// <summary><c>column</c> or <c>lookup/column</c>.</summary>
internal sealed record ODataPath(EquatableArray<ODataSegment> Segments, int Start, int Length) : ODataOperand(Start, Length);

internal enum ODataLiteralKind
{
    String,
    Integer,
    Decimal,
    Boolean,
    Null,
    Guid,
    Date,
    DateTimeOffset,
    Enum,
}

/// <summary>A literal: <see cref="Value"/> is the decoded string, or the text as written; for enums the member, with <see cref="Qualifier"/> the type.</summary>
internal sealed record ODataLiteral(ODataLiteralKind Kind, string Value, string? Qualifier, int Start, int Length) : ODataOperand(Start, Length);

internal sealed record ODataCall(string Name, int NameStart, int NameLength, EquatableArray<ODataOperand> Arguments, int Start, int Length) : ODataOperand(Start, Length);

/// <summary>A parenthesized condition used where a value was expected, or an operand already reported.</summary>
internal sealed record ODataNestedOperand(ODataNode? Condition, int Start, int Length) : ODataOperand(Start, Length);
