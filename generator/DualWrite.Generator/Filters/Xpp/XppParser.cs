using System;
using System.Collections.Generic;
using System.Text;
using DualWrite.Generator.Checks;

namespace DualWrite.Generator.Filters.Xpp;

/// <summary>
/// A recursive-descent parser of X++ query-range expressions:
/// <code>
/// filter     := or
/// or         := and ('||' and)*
/// and        := unary ('&amp;&amp;' unary)*
/// unary      := '!' unary | '(' inner ')'
/// inner      := or | field op value
/// op         := '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'like' | '=' (warning DW0024)
/// value      := STRING | NUMBER | DATE (dd\mm\yyyy) | IDENT '::' IDENT | 'true' | 'false'
/// </code>
/// It stops at the first syntax error (DW0004); constructs it recognizes but refuses (function calls DW0006,
/// fields of other data sources DW0005) are reported and parsing goes on.
/// </summary>
internal sealed class XppParser
{
    private const string ValueRangeNote =
        "value ranges of the filter pane (1..10, A*, a, b, !A, bare values) are not query-range expressions; ";

    private readonly string _text;
    private readonly List<XppToken> _tokens;
    private readonly FilterDiagnostics _diagnostics;
    private int _position;
    private int _depth;
    private int _operators;

    private XppParser(string text, FilterDiagnostics diagnostics)
    {
        _text = text;
        _tokens = XppLexer.Tokenize(text);
        _diagnostics = diagnostics;
    }

    private XppToken Current => _tokens[_position];

    private XppToken Next => _tokens[Math.Min(_position + 1, _tokens.Count - 1)];

    /// <summary>The syntax tree, or null after a syntax error (reported to <paramref name="diagnostics"/>).</summary>
    public static XppNode? Parse(string text, FilterDiagnostics diagnostics)
    {
        var parser = new XppParser(text, diagnostics);
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

    private XppNode ParseFilter()
    {
        if (Current.Kind == XppTokenKind.End)
        {
            throw new FilterSyntaxException(0, _text.Length, "the filter is empty; write a condition such as (Field == \"value\"), or remove the filter");
        }

        if (IsValueRangeForm())
        {
            var start = Current.Start;
            var end = _tokens[_tokens.Count - 2].End;
            var range = _text.Substring(start, end - start);
            throw new FilterSyntaxException(start, end - start,
                "'" + range + "' is a value range, not an X++ query-range expression: " + ValueRangeNote +
                "write it as an expression, " + ValueRangeHint(range, "Field") + ", with Field the field to test");
        }

        var node = ParseOr();
        if (Current.Kind != XppTokenKind.End)
        {
            throw Unexpected("'&&', '||' or the end of the filter");
        }

        return node;
    }

    private bool IsValueRangeForm()
    {
        var first = Current.Kind;
        if (first == XppTokenKind.LeftParen || first == XppTokenKind.Invalid)
        {
            return false;
        }

        if (first == XppTokenKind.Bang)
        {
            return Next.Kind != XppTokenKind.LeftParen;
        }

        if (first == XppTokenKind.Identifier)
        {
            return !(Next.Kind is XppTokenKind.LeftParen or XppTokenKind.Dot || IsOperator(Next));
        }

        return true;
    }

    private static bool IsOperator(XppToken token) =>
        token.Kind is XppTokenKind.EqualsEquals or XppTokenKind.NotEquals or XppTokenKind.Less or XppTokenKind.LessOrEqual
            or XppTokenKind.Greater or XppTokenKind.GreaterOrEqual or XppTokenKind.LoneEquals
        || (token.Kind == XppTokenKind.Identifier && string.Equals(token.Value, "like", StringComparison.OrdinalIgnoreCase));

    private XppNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == XppTokenKind.OrOr)
        {
            FilterLimits.CountOperator(ref _operators, Current.Start, Current.Length);
            _position++;
            var right = ParseAnd();
            left = new XppOr(left, right, left.Start, right.Start + right.Length - left.Start);
        }

        return left;
    }

    private XppNode ParseAnd()
    {
        var left = ParseUnary();
        while (Current.Kind == XppTokenKind.AndAnd)
        {
            FilterLimits.CountOperator(ref _operators, Current.Start, Current.Length);
            _position++;
            var right = ParseUnary();
            left = new XppAnd(left, right, left.Start, right.Start + right.Length - left.Start);
        }

        return left;
    }

    private XppNode ParseUnary()
    {
        if (Current.Kind == XppTokenKind.Bang)
        {
            var bang = Current;
            FilterLimits.Enter(ref _depth, bang.Start, bang.Length);
            _position++;
            var operand = ParseUnary();
            _depth--;
            return new XppNot(operand, bang.Start, operand.Start + operand.Length - bang.Start);
        }

        return ParsePrimary();
    }

    private XppNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case XppTokenKind.LeftParen:
            {
                FilterLimits.Enter(ref _depth, token.Start, token.Length);
                _position++;
                var node = ParseParenthesized(token);
                _depth--;
                return node;
            }

            case XppTokenKind.Identifier when Next.Kind == XppTokenKind.LeftParen:
                return RefuseCall();
            case XppTokenKind.Identifier when IsOperator(Next) || Next.Kind == XppTokenKind.Dot:
            {
                // The comparison as written: the field (a data source's field is two names and a dot), its operator and
                // its value, as far as the filter has them.
                var last = Math.Min((Next.Kind == XppTokenKind.Dot ? _position + 2 : _position) + 2, _tokens.Count - 1);
                while (_tokens[last].Kind == XppTokenKind.End)
                {
                    last--;
                }

                var end = _tokens[last].End;
                var comparison = _text.Substring(token.Start, end - token.Start);
                throw new FilterSyntaxException(token.Start, end - token.Start,
                    "each comparison must be in parentheses: write (" + comparison + ")");
            }

            case XppTokenKind.Invalid:
                throw new FilterSyntaxException(token.Start, token.Length, token.Value);
            default:
                throw Unexpected("'(' to start a condition such as (Field == \"value\")");
        }
    }

    private XppNode ParseParenthesized(XppToken open)
    {
        var inner = ParseInner(open);
        if (Current.Kind != XppTokenKind.RightParen)
        {
            throw Unexpected("')' to close the '(' at offset " + open.Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var close = Current;
        _position++;
        return inner switch
        {
            XppComparison c => c with { Start = open.Start, Length = close.End - open.Start },
            _ => inner,
        };
    }

    private XppNode ParseInner(XppToken open)
    {
        var token = Current;
        if (token.Kind is XppTokenKind.LeftParen or XppTokenKind.Bang)
        {
            return ParseOr();
        }

        if (token.Kind == XppTokenKind.Identifier && Next.Kind == XppTokenKind.LeftParen)
        {
            return RefuseCall();
        }

        if (token.Kind == XppTokenKind.Identifier)
        {
            var comparison = ParseComparison(open);
            if (Current.Kind is XppTokenKind.AndAnd or XppTokenKind.OrOr)
            {
                throw new FilterSyntaxException(Current.Start, Current.Length,
                    "expected ')' to close the comparison: in X++ each comparison has its own parentheses, as in ((A == 1) " +
                    (Current.Kind == XppTokenKind.AndAnd ? "&&" : "||") + " (B == 2))");
            }

            return comparison;
        }

        if (token.Kind == XppTokenKind.Invalid)
        {
            throw new FilterSyntaxException(token.Start, token.Length, token.Value);
        }

        if (token.Kind == XppTokenKind.RightParen)
        {
            throw new FilterSyntaxException(open.Start, token.End - open.Start, "'()' is empty; write a condition such as (Field == \"value\")");
        }

        throw Unexpected("a field name after '(': comparisons are written (Field op value)");
    }

    private XppNode ParseComparison(XppToken open)
    {
        var fieldToken = Current;
        _position++;
        string? field = fieldToken.Value;
        var fieldStart = fieldToken.Start;
        var fieldEnd = fieldToken.End;
        if (Current.Kind == XppTokenKind.Dot)
        {
            _position++;
            if (Current.Kind != XppTokenKind.Identifier)
            {
                throw Unexpected("a field name after '" + fieldToken.Value + ".'");
            }

            fieldEnd = Current.End;
            var name = _text.Substring(fieldStart, fieldEnd - fieldStart);
            _diagnostics.Add(DiagnosticDescriptors.FilterNestedLookup, fieldStart, fieldEnd - fieldStart,
                "'" + name + "' is a field of another data source ('" + fieldToken.Value + "'): a dual-write filter can only test fields of the entity itself; " +
                "write the condition on a field of the entity (add the field to the data entity if it has none)");
            field = null;
            _position++;
        }

        var opToken = Current;
        XppOperator op;
        switch (opToken.Kind)
        {
            case XppTokenKind.EqualsEquals: op = XppOperator.Equal; break;
            case XppTokenKind.NotEquals: op = XppOperator.NotEqual; break;
            case XppTokenKind.Less: op = XppOperator.Less; break;
            case XppTokenKind.LessOrEqual: op = XppOperator.LessOrEqual; break;
            case XppTokenKind.Greater: op = XppOperator.Greater; break;
            case XppTokenKind.GreaterOrEqual: op = XppOperator.GreaterOrEqual; break;
            case XppTokenKind.LoneEquals:
                op = XppOperator.Equal;
                _diagnostics.Add(DiagnosticDescriptors.LoneEqualsInFoFilter, opToken.Start, opToken.Length,
                    "a lone '=' is read as '=='; write '=='");
                break;
            case XppTokenKind.Identifier when string.Equals(opToken.Value, "like", StringComparison.OrdinalIgnoreCase):
                op = XppOperator.Like;
                break;
            case XppTokenKind.Invalid:
                throw new FilterSyntaxException(opToken.Start, opToken.Length, opToken.Value);
            default:
                throw Unexpected("a comparison operator (==, !=, <, <=, >, >= or like) after '" + _text.Substring(fieldStart, fieldEnd - fieldStart) + "'");
        }

        _position++;
        var fieldText = _text.Substring(fieldStart, fieldEnd - fieldStart);
        var value = ParseValue(fieldText, _text.Substring(opToken.Start, opToken.Length));
        var end = Current.Start;
        return new XppComparison(field, fieldStart, fieldEnd - fieldStart, op, opToken.Start, opToken.Length, value, open.Start, end - open.Start);
    }

    private XppValue? ParseValue(string field, string op)
    {
        var token = Current;
        XppValue value;
        switch (token.Kind)
        {
            case XppTokenKind.String:
                value = new XppValue(XppValueKind.String, token.Value, null, token.Start, token.Length);
                break;
            case XppTokenKind.Number:
                value = new XppValue(XppValueKind.Number, token.Value, null, token.Start, token.Length);
                break;
            case XppTokenKind.Date:
                value = new XppValue(XppValueKind.Date, token.Value, null, token.Start, token.Length);
                break;
            case XppTokenKind.Identifier when Next.Kind == XppTokenKind.ColonColon:
            {
                var typeToken = token;
                _position += 2;
                if (Current.Kind != XppTokenKind.Identifier)
                {
                    throw Unexpected("an enum member name after '" + typeToken.Value + "::'");
                }

                value = new XppValue(XppValueKind.EnumValue, Current.Value, typeToken.Value, typeToken.Start, Current.End - typeToken.Start);
                break;
            }

            case XppTokenKind.Identifier when Next.Kind == XppTokenKind.LeftParen:
                RefuseCall();
                return null;
            case XppTokenKind.Identifier when Next.Kind == XppTokenKind.Dot:
            {
                _position += 2;
                if (Current.Kind != XppTokenKind.Identifier)
                {
                    throw Unexpected("a field name after '" + token.Value + ".'");
                }

                var name = _text.Substring(token.Start, Current.End - token.Start);
                _diagnostics.Add(DiagnosticDescriptors.FilterNestedLookup, token.Start, Current.End - token.Start,
                    "'" + name + "' is a field of another data source ('" + token.Value + "'): a dual-write filter compares fields of the entity with constant values; write a constant");
                _position++;
                return null;
            }

            case XppTokenKind.Identifier when string.Equals(token.Value, "true", StringComparison.OrdinalIgnoreCase)
                                            || string.Equals(token.Value, "false", StringComparison.OrdinalIgnoreCase):
                value = new XppValue(XppValueKind.Boolean, token.Value.ToLowerInvariant(), null, token.Start, token.Length);
                break;
            case XppTokenKind.Identifier:
                throw new FilterSyntaxException(token.Start, token.Length,
                    "'" + token.Value + "' is a bare value; write it in quotes, (" + field + " " + op + " \"" + token.Value + "\"), or as EnumType::" + token.Value + " for an enum value");
            case XppTokenKind.BareWord:
                throw new FilterSyntaxException(token.Start, token.Length,
                    token.Value.IndexOf('*') >= 0 || token.Value.IndexOf('?') >= 0
                        ? "'" + token.Value + "' is a value-range wildcard; " + ValueRangeNote + "write (" + field + " like \"" + token.Value + "\")"
                        : "'" + token.Value + "' is a bare value; write it in quotes, (" + field + " " + op + " \"" + token.Value + "\")");
            case XppTokenKind.Bang:
            {
                var end = Next.Kind is XppTokenKind.End or XppTokenKind.RightParen ? token.End : Next.End;
                var negated = _text.Substring(token.Start + 1, end - token.Start - 1).Trim();
                throw new FilterSyntaxException(token.Start, end - token.Start,
                    "'!" + negated + "' is a value-range negation; " + ValueRangeNote + "write " + ValueRangeHint("!" + negated, field));
            }

            case XppTokenKind.DotDot:
            {
                var end = Next.Kind is XppTokenKind.End or XppTokenKind.RightParen ? token.End : Next.End;
                var bound = _text.Substring(token.End, end - token.End).Trim();
                throw new FilterSyntaxException(token.Start, end - token.Start,
                    "'.." + bound + "' is an open value range; " + ValueRangeNote + "write " + ValueRangeHint(".." + bound, field));
            }

            case XppTokenKind.EqualsEquals or XppTokenKind.NotEquals or XppTokenKind.Less or XppTokenKind.LessOrEqual
                or XppTokenKind.Greater or XppTokenKind.GreaterOrEqual or XppTokenKind.LoneEquals:
                throw new FilterSyntaxException(token.Start, token.Length,
                    "two operators in a row; write one comparison such as (" + field + " " + _text.Substring(token.Start, token.Length) + " value)");
            case XppTokenKind.Invalid:
                throw new FilterSyntaxException(token.Start, token.Length, token.Value);
            default:
                throw Unexpected("a value after '" + op + "': a \"string\", a number, a date dd\\mm\\yyyy or EnumType::Member");
        }

        _position++;
        if (Current.Kind is XppTokenKind.DotDot or XppTokenKind.Comma)
        {
            ThrowRangeTail(field, value);
        }

        return value;
    }

    private void ThrowRangeTail(string field, XppValue first)
    {
        // 1..10 or a, b, c after the operator: find where the value range ends (the closing parenthesis).
        var start = first.Start;
        var end = Current.End;
        while (Current.Kind is not (XppTokenKind.End or XppTokenKind.RightParen or XppTokenKind.AndAnd or XppTokenKind.OrOr))
        {
            end = Current.End;
            _position++;
        }

        var range = _text.Substring(start, end - start);
        throw new FilterSyntaxException(start, end - start,
            "'" + range + "' is a value range; " + ValueRangeNote + "write " + ValueRangeHint(range, field));
    }

    private XppNode RefuseCall()
    {
        var name = Current;
        _position += 2; // name (
        var depth = 1;
        while (depth > 0)
        {
            switch (Current.Kind)
            {
                case XppTokenKind.End:
                    throw new FilterSyntaxException(name.Start, Current.Start - name.Start, "the '(' of '" + name.Value + "(' is not closed");
                case XppTokenKind.LeftParen:
                    depth++;
                    break;
                case XppTokenKind.RightParen:
                    depth--;
                    break;
            }

            _position++;
        }

        var end = _tokens[_position - 1].End;
        _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, name.Start, end - name.Start,
            "'" + name.Value + "(…)' is a function call: a dual-write filter compares fields with constant values, so relative dates " +
            "(DayRange, MonthRange, currentDate, SysQueryRangeUtil methods) and other functions are not supported; write a constant, e.g. (TransDate >= 01\\01\\2024)");
        return new XppRefused(name.Start, end - name.Start);
    }

    private FilterSyntaxException Unexpected(string expected)
    {
        var token = Current;
        if (token.Kind == XppTokenKind.Invalid)
        {
            return new FilterSyntaxException(token.Start, token.Length, token.Value);
        }

        var found = token.Kind == XppTokenKind.End ? "the end of the filter" : "'" + _text.Substring(token.Start, token.Length) + "'";
        return new FilterSyntaxException(token.Start, token.Length, "expected " + expected + ", found " + found);
    }

    /// <summary>How to write a filter-pane value range as an expression on <paramref name="field"/>.</summary>
    internal static string ValueRangeHint(string range, string field)
    {
        range = range.Trim();
        if (range.IndexOf(',') >= 0)
        {
            var builder = new StringBuilder("(");
            var items = range.Split(',');
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(" || ");
                }

                builder.Append(ValueRangeHint(items[i], field));
            }

            return items.Length > 1 ? builder.Append(')').ToString() : ValueRangeHint(items[0], field);
        }

        var dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            var from = range.Substring(0, dots).Trim();
            var to = range.Substring(dots + 2).Trim();
            if (from.Length == 0)
            {
                return "(" + field + " <= " + QuoteIfNeeded(to) + ")";
            }

            if (to.Length == 0)
            {
                return "(" + field + " >= " + QuoteIfNeeded(from) + ")";
            }

            return "((" + field + " >= " + QuoteIfNeeded(from) + ") && (" + field + " <= " + QuoteIfNeeded(to) + "))";
        }

        if (range.StartsWith("!", StringComparison.Ordinal))
        {
            var rest = range.Substring(1).Trim();
            return HasWildcard(rest)
                ? "(!(" + field + " like " + QuoteIfNeeded(rest) + "))"
                : "(" + field + " != " + QuoteIfNeeded(rest) + ")";
        }

        foreach (var op in new[] { "<=", ">=", "<", ">" })
        {
            if (range.StartsWith(op, StringComparison.Ordinal))
            {
                return "(" + field + " " + op + " " + QuoteIfNeeded(range.Substring(op.Length).Trim()) + ")";
            }
        }

        return HasWildcard(range)
            ? "(" + field + " like " + QuoteIfNeeded(range) + ")"
            : "(" + field + " == " + QuoteIfNeeded(range) + ")";
    }

    private static bool HasWildcard(string value) => value.IndexOf('*') >= 0 || value.IndexOf('?') >= 0;

    private static string QuoteIfNeeded(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[value.Length - 1] == '"') || (value[0] == '\'' && value[value.Length - 1] == '\'')))
        {
            return value;
        }

        var numeric = value.Length > 0;
        foreach (var c in value)
        {
            numeric &= (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '\\';
        }

        return numeric ? value : "\"" + value.Replace("\"", "\\\"") + "\"";
    }
}
