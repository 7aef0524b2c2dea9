using System.Collections.Immutable;
using DualWrite.Generator.Common;
using Sprache;
using static DualWrite.Generator.Syntax.DwmapCombinators;

namespace DualWrite.Generator.Syntax;

/// <summary>A token's value with the range of its characters.</summary>
internal readonly record struct Token<T>(T Value, TextRange Range);

/// <summary>Filter text: the raw text between the backticks, its range, and the range with the backticks.</summary>
internal sealed record RawText(string Text, TextRange TextRange, TextRange Range);

/// <summary>
/// Token parsers (DSL.md §2). Each skips the whitespace and comments before its token, and on failure
/// consumes nothing: its failure's remainder is its input, whatever trivia it looked past.
/// </summary>
internal static class DwmapTokens
{
    private static readonly string[] ExpectedIdentifier = { "an identifier" };
    private static readonly string[] ExpectedArrow = { "'<->', '->' or '<-'" };
    private static readonly string[] ExpectedString = { "a quoted string" };
    private static readonly string[] ExpectedValue = { "a value" };
    private static readonly string[] ExpectedFilterText = { "filter text in backticks" };

    public static readonly Parser<Identifier> Ident = i =>
    {
        var text = i.Source;
        var start = DwmapLexer.SkipTrivia(text, i.Position);
        var end = DwmapLexer.ScanIdentifier(text, start);
        return end == start
            ? Mismatch<Identifier>(i, ExpectedIdentifier)
            : Result.Success(new Identifier(text.Substring(start, end - start), TextRange.FromBounds(start, end)), At(i, end));
    };

    /// <summary>An identifier used as a reference (after <c>after</c>, <c>via</c> or a dot in a path).</summary>
    public static readonly Parser<Identifier> Name = Ident.NotBeforeArrow("a name");

    public static readonly Parser<Token<SyncDirection>> Arrow = i =>
    {
        var text = i.Source;
        var start = DwmapLexer.SkipTrivia(text, i.Position);
        var direction = DwmapLexer.ScanDirection(text, start, out var length);
        return length == 0
            ? Mismatch<Token<SyncDirection>>(i, ExpectedArrow)
            : Result.Success(new Token<SyncDirection>(direction, new TextRange(start, length)), At(i, start + length));
    };

    public static readonly Parser<Token<Side>> SideWord = KeywordValue("'fo' or 'dataverse'", ("fo", Side.Fo), ("dataverse", Side.Dataverse));

    public static readonly Parser<TextRange> Comma = Symbol(",");
    public static readonly Parser<TextRange> Colon = Symbol(":");
    public static readonly Parser<TextRange> Dot = Symbol(".");
    public static readonly Parser<TextRange> DotDot = Symbol("..");
    public static readonly Parser<TextRange> OpenBrace = Symbol("{");
    public static readonly Parser<TextRange> CloseBrace = Symbol("}");
    public static readonly Parser<TextRange> OpenParen = Symbol("(");
    public static readonly Parser<TextRange> CloseParen = Symbol(")");
    public static readonly Parser<TextRange> BothWays = Symbol("<->");

    public static readonly Parser<Literal> QuotedString = i =>
    {
        var text = i.Source;
        var start = DwmapLexer.SkipTrivia(text, i.Position);
        if (start >= text.Length || text[start] != '"')
        {
            return Mismatch<Literal>(i, ExpectedString);
        }

        // A malformed string fails where it starts; the message then comes from the lexer's diagnosis.
        var scan = DwmapLexer.ScanString(text, start);
        return scan.Error != LexicalError.None || scan.Value is null
            ? Mismatch<Literal>(i, ExpectedString)
            : Result.Success(new Literal(LiteralKind.String, scan.Value, TextRange.FromBounds(start, scan.End)), At(i, scan.End));
    };

    /// <summary>A string, number, <c>true</c>, <c>false</c>, <c>null</c> or <c>EnumType::Member</c>.</summary>
    public static readonly Parser<Literal> Value = i =>
    {
        var text = i.Source;
        var start = DwmapLexer.SkipTrivia(text, i.Position);
        if (start >= text.Length)
        {
            return Mismatch<Literal>(i, ExpectedValue);
        }

        if (text[start] == '"')
        {
            return QuotedString(i);
        }

        var numberEnd = DwmapLexer.ScanNumber(text, start, out var isDecimal);
        if (numberEnd > start)
        {
            var kind = isDecimal ? LiteralKind.Decimal : LiteralKind.Integer;
            return Result.Success(new Literal(kind, text.Substring(start, numberEnd - start), TextRange.FromBounds(start, numberEnd)), At(i, numberEnd));
        }

        var wordEnd = DwmapLexer.ScanIdentifier(text, start);
        if (wordEnd == start)
        {
            return Mismatch<Literal>(i, ExpectedValue);
        }

        var word = text.Substring(start, wordEnd - start);
        if (wordEnd + 1 < text.Length && text[wordEnd] == ':' && text[wordEnd + 1] == ':')
        {
            var memberStart = wordEnd + 2;
            var memberEnd = DwmapLexer.ScanIdentifier(text, memberStart);
            if (memberEnd == memberStart)
            {
                return Fail<Literal>(At(i, memberStart), "an enum member", $"after '{word}::'");
            }

            return Result.Success(
                new Literal(LiteralKind.EnumValue, text.Substring(start, memberEnd - start), TextRange.FromBounds(start, memberEnd)),
                At(i, memberEnd));
        }

        var range = TextRange.FromBounds(start, wordEnd);
        return word switch
        {
            "true" or "false" => Result.Success(new Literal(LiteralKind.Boolean, word, range), At(i, wordEnd)),
            "null" => Result.Success(new Literal(LiteralKind.Null, word, range), At(i, wordEnd)),
            _ => Mismatch<Literal>(i, ExpectedValue),
        };
    };

    /// <summary>Backtick-quoted filter text, raw: no escapes, ends on the same line.</summary>
    public static readonly Parser<RawText> Backticked = i =>
    {
        var text = i.Source;
        var start = DwmapLexer.SkipTrivia(text, i.Position);
        if (start >= text.Length || text[start] != '`')
        {
            return Mismatch<RawText>(i, ExpectedFilterText);
        }

        var end = DwmapLexer.ScanRawText(text, start, out var terminated);
        if (!terminated)
        {
            return Mismatch<RawText>(i, ExpectedFilterText);
        }

        var inner = TextRange.FromBounds(start + 1, end - 1);
        return Result.Success(new RawText(text.Substring(inner.Start, inner.Length), inner, TextRange.FromBounds(start, end)), At(i, end));
    };

    public static Parser<TextRange> Symbol(string symbol)
    {
        var expected = new[] { "'" + symbol + "'" };
        return i =>
        {
            var text = i.Source;
            var start = DwmapLexer.SkipTrivia(text, i.Position);
            return start + symbol.Length <= text.Length && string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0
                ? Result.Success(new TextRange(start, symbol.Length), At(i, start + symbol.Length))
                : Mismatch<TextRange>(i, expected);
        };
    }

    /// <summary>A keyword where the grammar requires one (anywhere an identifier could not stand).</summary>
    public static Parser<TextRange> Keyword(string keyword)
    {
        var expected = new[] { "'" + keyword + "'" };
        return i =>
        {
            var text = i.Source;
            var start = DwmapLexer.SkipTrivia(text, i.Position);
            return DwmapLexer.IsWordAt(text, start, keyword)
                ? Result.Success(new TextRange(start, keyword.Length), At(i, start + keyword.Length))
                : Mismatch<TextRange>(i, expected);
        };
    }

    /// <summary>
    /// A keyword that starts a map item or a transform. Followed by a direction it is a field of that name
    /// (<c>key &lt;-&gt; msdyn_key</c>), so it fails without consuming and the field parser takes it.
    /// </summary>
    public static Parser<TextRange> ItemKeyword(string keyword) => Keyword(keyword).NotBeforeArrow("'" + keyword + "'");

    /// <summary>
    /// One of a closed set of words (<c>striped</c>, <c>latest-wins</c>…). The word is read whole, hyphens
    /// included, so that <c>newest-wins</c> fails as one token and is quoted whole in the message.
    /// </summary>
    public static Parser<Token<T>> KeywordValue<T>(string expected, params (string Word, T Value)[] words)
    {
        var table = ImmutableArray.Create(words);
        var expectations = new[] { expected };
        return i =>
        {
            var text = i.Source;
            var start = DwmapLexer.SkipTrivia(text, i.Position);
            var end = DwmapLexer.ScanWord(text, start);
            foreach (var (word, value) in table)
            {
                if (end - start == word.Length && string.CompareOrdinal(text, start, word, 0, word.Length) == 0)
                {
                    return Result.Success(new Token<T>(value, TextRange.FromBounds(start, end)), At(i, end));
                }
            }

            return Mismatch<Token<T>>(i, expectations);
        };
    }

    /// <summary><c>A.B.C</c>; after a dot the next part is required.</summary>
    public static Parser<DottedName> Dotted(string expected, string context)
    {
        var first = Name.Expect(expected, context);
        return i =>
        {
            var head = first(i);
            if (!head.WasSuccessful)
            {
                return Cast<Identifier, DottedName>(head);
            }

            var parts = ImmutableArray.CreateBuilder<Identifier>();
            parts.Add(head.Value);
            var current = head.Remainder;
            while (true)
            {
                var dot = Dot(current);
                if (!dot.WasSuccessful)
                {
                    break;
                }

                var part = Ident(dot.Remainder);
                if (!part.WasSuccessful || DwmapLexer.IsDeclarationStart(i.Source, part.Value.Range.Start))
                {
                    var soFar = string.Join(".", System.Linq.Enumerable.Select(parts, p => p.Text));
                    return Fail<DottedName>(dot.Remainder, "an identifier", $"after '{soFar}.'");
                }

                parts.Add(part.Value);
                current = part.Remainder;
            }

            var range = TextRange.FromBounds(parts[0].Range.Start, parts[parts.Count - 1].Range.End);
            return Result.Success(new DottedName(parts.ToImmutable(), range), current);
        };
    }

    /// <summary>How a literal is quoted in a message.</summary>
    public static string Display(Literal literal) => literal.Kind == LiteralKind.String ? "\"" + literal.Value + "\"" : literal.Value;

    public static string Display(Side side) => side == Side.Fo ? "fo" : "dataverse";
}
