using System;
using System.Collections.Immutable;
using System.Globalization;
using DualWrite.Generator.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualWrite.Generator.Attributes;

/// <summary>
/// The value of a string argument and where each of its characters is written, so that a diagnostic about
/// part of the value (one segment of a path, one token of a filter) lands under those characters even when
/// the literal spells them with escapes. A value that is not one literal (a constant, <c>nameof</c>) maps
/// every part to the whole argument.
/// </summary>
internal sealed class SourceString
{
    private readonly ImmutableArray<int> _offsets;

    private SourceString(string value, TextRange whole, ImmutableArray<int> offsets)
    {
        Value = value;
        Whole = whole;
        _offsets = offsets;
    }

    public string Value { get; }

    /// <summary>The argument expression's range.</summary>
    public TextRange Whole { get; }

    /// <summary>Where the characters sit: the literal's contents, or the whole argument.</summary>
    public TextRange Contents => _offsets.IsDefault ? Whole : TextRange.FromBounds(_offsets[0], _offsets[Value.Length]);

    /// <summary>The source offsets of each character and of the end; empty when they cannot be told apart.</summary>
    public EquatableArray<int> Offsets => _offsets.IsDefault ? EquatableArray<int>.Empty : _offsets;

    /// <summary>The range of a part of the value; the whole argument when the part is all of it.</summary>
    public TextRange RangeOf(int start, int length) =>
        _offsets.IsDefault || (start == 0 && length == Value.Length)
            ? Whole
            : TextRange.FromBounds(_offsets[start], _offsets[start + length]);

    public static SourceString Of(ExpressionSyntax expression, string value)
    {
        var whole = new TextRange(expression.Span.Start, expression.Span.Length);
        if (expression is LiteralExpressionSyntax { Token: var token } && token.IsKind(SyntaxKind.StringLiteralToken))
        {
            var offsets = MapLiteral(token.Text, token.SpanStart, value);
            return new SourceString(value, whole, offsets);
        }

        return new SourceString(value, whole, default);
    }

    /// <summary>
    /// Offsets of a regular (<c>"…"</c>), verbatim (<c>@"…"</c>) or raw (<c>"""…"""</c>) literal's characters.
    /// Regular literals are decoded escape by escape; in verbatim and raw literals every character of the value
    /// is written as itself, so they are matched forward, skipping doubled quotes and raw-string indentation.
    /// </summary>
    private static ImmutableArray<int> MapLiteral(string text, int start, string value)
    {
        var offsets = ImmutableArray.CreateBuilder<int>(value.Length + 1);
        if (text.StartsWith("\"\"\"", StringComparison.Ordinal) || text.StartsWith("@", StringComparison.Ordinal))
        {
            var quotes = text.StartsWith("@", StringComparison.Ordinal) ? 2 : CountQuotes(text);
            var position = quotes;
            var end = text.Length - (text.StartsWith("@", StringComparison.Ordinal) ? 1 : CountQuotes(text));
            foreach (var c in value)
            {
                while (position < end && text[position] != c)
                {
                    position++;
                }

                if (position >= end)
                {
                    return default;
                }

                offsets.Add(start + position);
                position += text[position] == '"' && position + 1 < end && text[position + 1] == '"' && quotes == 2 ? 2 : 1;
            }

            offsets.Add(start + Math.Min(position, end));
            return offsets.MoveToImmutable();
        }

        var i = 1;
        var last = text.Length - 1;
        while (i < last && offsets.Count < value.Length)
        {
            offsets.Add(start + i);
            if (text[i] != '\\' || i + 1 >= last)
            {
                i++;
                continue;
            }

            var escape = text[i + 1];
            var length = escape switch
            {
                'u' => 6,
                'U' => 10,
                'x' => 2 + HexDigits(text, i + 2),
                _ => 2,
            };

            // \U above U+FFFF is two UTF-16 characters written by one escape.
            if (escape == 'U' && offsets.Count < value.Length && i + length <= last
                && int.TryParse(text.Substring(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint) && codePoint > 0xFFFF)
            {
                offsets.Add(start + i);
            }

            i += length;
        }

        if (offsets.Count != value.Length)
        {
            return default;
        }

        offsets.Add(start + Math.Min(i, last));
        return offsets.MoveToImmutable();
    }

    private static int CountQuotes(string text)
    {
        var count = 0;
        while (count < text.Length && text[count] == '"')
        {
            count++;
        }

        return count;
    }

    private static int HexDigits(string text, int from)
    {
        var count = 0;
        while (count < 4 && from + count < text.Length && Uri.IsHexDigit(text[from + count]))
        {
            count++;
        }

        return count;
    }
}
