using System;
using System.Collections.Generic;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Filters.OData;

/// <summary>
/// A recursive-descent parser of OData <c>$filter</c> expressions, in the subset dual-write uses:
/// <code>
/// filter     := or
/// or         := and ('or' and)*
/// and        := not ('and' not)*
/// not        := 'not' not | comparison            // 'not a eq 1' is 'not (a eq 1)'
/// comparison := operand (('eq'|'ne'|'gt'|'ge'|'lt'|'le') operand)?
/// operand    := '(' or ')' | literal | path | name '(' operand (',' operand)* ')'
/// path       := name ('/' name)*
/// </code>
/// Operators and keywords ignore case (OData 4.01). Constructs outside the subset that it recognizes (arithmetic,
/// <c>has</c>, <c>in</c>, lambdas, other functions, arrays) are reported as DW0006 and skipped; other syntax errors
/// stop it (DW0004).
/// </summary>
internal sealed class ODataParser
{
    private static readonly string[] Arithmetic = { "add", "sub", "mul", "div", "divby", "mod" };

    private readonly string _text;
    private readonly List<ODataToken> _tokens;
    private readonly FilterDiagnostics _diagnostics;
    private int _position;
    private int _depth;
    private int _operators;

    private ODataParser(string text, FilterDiagnostics diagnostics)
    {
        _text = text;
        _tokens = ODataLexer.Tokenize(text);
        _diagnostics = diagnostics;
    }

    private ODataToken Current => _tokens[_position];

    private ODataToken Next => _tokens[Math.Min(_position + 1, _tokens.Count - 1)];

    public static ODataNode? Parse(string text, FilterDiagnostics diagnostics)
    {
        var parser = new ODataParser(text, diagnostics);
        try
        {
            return parser.ParseFilter();
        }
        catch (FilterSyntaxException e)
        {
            diagnostics.Add(e.Descriptor, e.Offset, e.Length, e.Message);
            return null;
        }
    }

    private ODataNode ParseFilter()
    {
        if (Current.Kind == ODataTokenKind.End)
        {
            throw new FilterSyntaxException(0, _text.Length, "the filter is empty; write a condition such as statecode eq 0, or remove the filter");
        }

        var node = ParseOr();
        if (Current.Kind != ODataTokenKind.End)
        {
            throw Unexpected("'and', 'or' or the end of the filter");
        }

        return node;
    }

    private ODataNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Is("or"))
        {
            FilterLimits.CountOperator(ref _operators, Current.Start, Current.Length);
            _position++;
            var right = ParseAnd();
            left = new ODataOr(left, right, left.Start, right.Start + right.Length - left.Start);
        }

        return left;
    }

    private ODataNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.Is("and"))
        {
            FilterLimits.CountOperator(ref _operators, Current.Start, Current.Length);
            _position++;
            var right = ParseNot();
            left = new ODataAnd(left, right, left.Start, right.Start + right.Length - left.Start);
        }

        return left;
    }

    private ODataNode ParseNot()
    {
        if (Current.Is("not") && Next.Kind != ODataTokenKind.End && !IsComparisonOperator(Next) && !Next.Is("and") && !Next.Is("or"))
        {
            var not = Current;
            FilterLimits.Enter(ref _depth, not.Start, not.Length);
            _position++;
            var operand = ParseNot();
            _depth--;
            return new ODataNot(operand, not.Start, operand.Start + operand.Length - not.Start);
        }

        return ParseComparison();
    }

    private static ODataOperator? ComparisonOperator(ODataToken token)
    {
        if (token.Kind != ODataTokenKind.Identifier)
        {
            return null;
        }

        switch (token.Value.ToLowerInvariant())
        {
            case "eq": return ODataOperator.Equal;
            case "ne": return ODataOperator.NotEqual;
            case "lt": return ODataOperator.Less;
            case "le": return ODataOperator.LessOrEqual;
            case "gt": return ODataOperator.Greater;
            case "ge": return ODataOperator.GreaterOrEqual;
            default: return null;
        }
    }

    private static bool IsComparisonOperator(ODataToken token) => ComparisonOperator(token) is not null;

    private ODataNode ParseComparison()
    {
        var left = SkipArithmetic(ParseOperand());
        var op = ComparisonOperator(Current);
        if (op is not null)
        {
            var opToken = Current;
            _position++;
            var right = SkipArithmetic(ParseOperand());
            return new ODataComparison(left, op.Value, opToken.Start, opToken.Length, right, left.Start, right.Start + right.Length - left.Start);
        }

        if (Current.Is("has") || Current.Is("in"))
        {
            var keyword = Current;
            _position++;
            var rightStart = Current.Start;
            var rightEnd = Current.Kind is ODataTokenKind.LeftParen or ODataTokenKind.LeftBracket
                ? SkipBalanced()
                : EndOf(ParseOperand());
            var isIn = keyword.Is("in");
            var column = _text.Substring(left.Start, left.Length);
            _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, keyword.Start, keyword.Length,
                "'" + keyword.Value + "' is not supported in a dual-write filter; " + (isIn
                    ? "write one comparison per value: " + column + " eq 'a' or " + column + " eq 'b'"
                    : "compare the column with eq / ne"));
            return new ODataRefused(left.Start, Math.Max(rightStart, rightEnd) - left.Start);
        }

        return left is ODataNestedOperand { Condition: { } condition }
            ? condition
            : new ODataCondition(left, left.Start, left.Length);
    }

    private static int EndOf(ODataOperand operand) => operand.Start + operand.Length;

    private ODataOperand SkipArithmetic(ODataOperand operand)
    {
        while (Current.Kind == ODataTokenKind.Identifier && Array.IndexOf(Arithmetic, Current.Value.ToLowerInvariant()) >= 0)
        {
            var op = Current;
            _position++;
            var right = ParseOperand();
            _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, op.Start, op.Length,
                "arithmetic ('" + op.Value + "') is not supported in a dual-write filter; compare a column with a constant value");
            operand = new ODataNestedOperand(null, operand.Start, right.Start + right.Length - operand.Start);
        }

        return operand;
    }

    private ODataOperand ParseOperand()
    {
        var token = Current;
        FilterLimits.Enter(ref _depth, token.Start, token.Length);
        var operand = ParseOperandAt(token);
        _depth--;
        return operand;
    }

    private ODataOperand ParseOperandAt(ODataToken token)
    {
        switch (token.Kind)
        {
            case ODataTokenKind.LeftParen:
            {
                _position++;
                var inner = ParseOr();
                if (Current.Kind != ODataTokenKind.RightParen)
                {
                    throw Unexpected("')' to close the '(' at offset " + token.Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                _position++;
                return new ODataNestedOperand(inner, token.Start, _tokens[_position - 1].End - token.Start);
            }

            case ODataTokenKind.String:
                return Literal(ODataLiteralKind.String);
            case ODataTokenKind.Integer:
                return Literal(ODataLiteralKind.Integer);
            case ODataTokenKind.Decimal:
                return Literal(ODataLiteralKind.Decimal);
            case ODataTokenKind.Guid:
                return Literal(ODataLiteralKind.Guid);
            case ODataTokenKind.Date:
                return Literal(ODataLiteralKind.Date);
            case ODataTokenKind.DateTimeOffset:
                return Literal(ODataLiteralKind.DateTimeOffset);
            case ODataTokenKind.EnumLiteral:
                _position++;
                return new ODataLiteral(ODataLiteralKind.Enum, token.Value, token.Qualifier, token.Start, token.Length);
            case ODataTokenKind.Identifier when token.Is("true") || token.Is("false"):
                _position++;
                return new ODataLiteral(ODataLiteralKind.Boolean, token.Value.ToLowerInvariant(), null, token.Start, token.Length);
            case ODataTokenKind.Identifier when token.Is("null"):
                _position++;
                return new ODataLiteral(ODataLiteralKind.Null, "null", null, token.Start, token.Length);
            case ODataTokenKind.Identifier when Next.Kind == ODataTokenKind.LeftParen:
                return ParseCall();
            case ODataTokenKind.Identifier:
                if (IsComparisonOperator(token) || token.Is("and") || token.Is("or"))
                {
                    throw Unexpected("a column or a value before '" + token.Value + "'");
                }

                return ParsePath();
            case ODataTokenKind.Special:
            {
                _position++;
                while (Current.Kind == ODataTokenKind.Slash && Next.Kind is ODataTokenKind.Identifier or ODataTokenKind.Special)
                {
                    _position += 2;
                }

                var end = _tokens[_position - 1].End;
                _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, token.Start, end - token.Start,
                    "'" + token.Value + "' is not supported in a dual-write filter (no $it, $this, $root, annotations or parameter aliases); write a column of the table");
                return new ODataNestedOperand(null, token.Start, end - token.Start);
            }

            case ODataTokenKind.LeftBracket:
            case ODataTokenKind.LeftBrace:
            {
                var end = SkipBalanced();
                _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, token.Start, end - token.Start,
                    (token.Kind == ODataTokenKind.LeftBracket ? "arrays" : "objects") + " are not supported in a dual-write filter; compare a column with one value at a time");
                return new ODataNestedOperand(null, token.Start, end - token.Start);
            }

            case ODataTokenKind.Minus:
            {
                _position++;
                var operand = ParseOperand();
                _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, token.Start, token.Length,
                    "arithmetic (negation) is not supported in a dual-write filter; compare a column with a constant value");
                return new ODataNestedOperand(null, token.Start, operand.Start + operand.Length - token.Start);
            }

            case ODataTokenKind.JsonString:
                throw new FilterSyntaxException(token.Start, token.Length, "strings are written in single quotes in OData: '" + token.Value.Replace("'", "''") + "'");
            case ODataTokenKind.Invalid:
                throw new FilterSyntaxException(token.Start, token.Length, token.Value);
            default:
                throw Unexpected("a column, a value or '('");
        }
    }

    private ODataLiteral Literal(ODataLiteralKind kind)
    {
        var token = Current;
        _position++;
        return new ODataLiteral(kind, token.Value, null, token.Start, token.Length);
    }

    private ODataOperand ParsePath()
    {
        var first = Current;
        var segments = new List<ODataSegment> { new(first.Value, first.Start, first.Length) };
        _position++;
        while (Current.Kind == ODataTokenKind.Slash)
        {
            _position++;
            var segment = Current;
            if (segment.Kind != ODataTokenKind.Identifier)
            {
                if (segment.Kind == ODataTokenKind.Special)
                {
                    _position++;
                    _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, segment.Start, segment.Length,
                        "'" + segment.Value + "' is not supported in a dual-write filter (no $count, annotations or casts); write a column of the table");
                    return new ODataNestedOperand(null, first.Start, segment.End - first.Start);
                }

                throw Unexpected("a name after '/'");
            }

            if (Next.Kind == ODataTokenKind.LeftParen)
            {
                // lookup/any(x: …), lookup/all(…), or a bound function.
                var name = segment.Value;
                _position++;
                var end = SkipBalanced();
                var isLambda = string.Equals(name, "any", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "all", StringComparison.OrdinalIgnoreCase);
                _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, segment.Start, end - segment.Start,
                    isLambda
                        ? "the lambda operator '" + name + "' is not supported in a dual-write filter; a filter tests the columns of the record itself"
                        : "'" + name + "(…)' is a function, which a dual-write filter does not support; use contains, startswith or endswith, or compare a column with a value");
                return new ODataNestedOperand(null, first.Start, end - first.Start);
            }

            segments.Add(new ODataSegment(segment.Value, segment.Start, segment.Length));
            _position++;
        }

        var last = segments[segments.Count - 1];
        return new ODataPath(segments.ToEquatableArray(), first.Start, last.Start + last.Length - first.Start);
    }

    private ODataOperand ParseCall()
    {
        var name = Current;
        var lower = name.Value.ToLowerInvariant();
        if (lower is not ("contains" or "startswith" or "endswith"))
        {
            _position++;
            var end = SkipBalanced();
            var isLambda = lower is "any" or "all";
            _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, name.Start, end - name.Start,
                isLambda
                    ? "the lambda operator '" + name.Value + "' is not supported in a dual-write filter; a filter tests the columns of the record itself"
                    : "the function '" + name.Value + "' is not supported in a dual-write filter; use contains, startswith or endswith, or compare a column with a value");
            return new ODataNestedOperand(null, name.Start, end - name.Start);
        }

        _position += 2; // name (
        var arguments = new List<ODataOperand>();
        if (Current.Kind != ODataTokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(SkipArithmetic(ParseOperand()));
                if (Current.Kind == ODataTokenKind.Comma)
                {
                    _position++;
                    continue;
                }

                break;
            }
        }

        if (Current.Kind != ODataTokenKind.RightParen)
        {
            throw Unexpected("',' or ')' in the arguments of " + name.Value);
        }

        var close = Current;
        _position++;
        return new ODataCall(lower, name.Start, name.Length, arguments.ToEquatableArray(), name.Start, close.End - name.Start);
    }

    /// <summary>Skips a balanced group starting at the current opening token; returns the end offset.</summary>
    private int SkipBalanced()
    {
        var open = Current;
        var depth = 0;
        do
        {
            switch (Current.Kind)
            {
                case ODataTokenKind.End:
                    throw new FilterSyntaxException(open.Start, 1, "'" + _text.Substring(open.Start, 1) + "' is not closed");
                case ODataTokenKind.LeftParen or ODataTokenKind.LeftBracket or ODataTokenKind.LeftBrace:
                    depth++;
                    break;
                case ODataTokenKind.RightParen or ODataTokenKind.RightBracket or ODataTokenKind.RightBrace:
                    depth--;
                    break;
            }

            _position++;
        }
        while (depth > 0);

        return _tokens[_position - 1].End;
    }

    private FilterSyntaxException Unexpected(string expected)
    {
        var token = Current;
        if (token.Kind == ODataTokenKind.Invalid)
        {
            return new FilterSyntaxException(token.Start, token.Length, token.Value);
        }

        var found = token.Kind == ODataTokenKind.End ? "the end of the filter" : "'" + _text.Substring(token.Start, token.Length) + "'";
        return new FilterSyntaxException(token.Start, token.Length, "expected " + expected + ", found " + found);
    }
}
