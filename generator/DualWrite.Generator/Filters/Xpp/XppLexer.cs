using System.Collections.Generic;
using System.Text;

namespace DualWrite.Generator.Filters.Xpp;

internal enum XppTokenKind
{
    End,
    LeftParen,
    RightParen,
    AndAnd,
    OrOr,
    Bang,
    EqualsEquals,
    NotEquals,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    LoneEquals,
    DotDot,
    Dot,
    Comma,
    ColonColon,
    String,
    Number,
    Date,
    Identifier,

    /// <summary>A bare word that is no identifier: with <c>*</c> or <c>?</c> in it (<c>S*</c>) or starting with a digit.</summary>
    BareWord,

    /// <summary>A character that starts no token; <see cref="XppToken.Value"/> says what went wrong.</summary>
    Invalid,
}

/// <summary>One token: its kind, its offset and length in the filter text, and its decoded value (string contents).</summary>
internal readonly struct XppToken
{
    public XppToken(XppTokenKind kind, int start, int length, string value)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Value = value;
    }

    public XppTokenKind Kind { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public string Value { get; }
}

/// <summary>The lexer of X++ query-range expressions (dual-write F&amp;O source filters).</summary>
internal static class XppLexer
{
    public static List<XppToken> Tokenize(string text)
    {
        var tokens = new List<XppToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new XppToken(XppTokenKind.End, text.Length, 0, ""));
                return tokens;
            }

            var start = i;
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '(': tokens.Add(Simple(XppTokenKind.LeftParen, ref i, 1)); continue;
                case ')': tokens.Add(Simple(XppTokenKind.RightParen, ref i, 1)); continue;
                case ',': tokens.Add(Simple(XppTokenKind.Comma, ref i, 1)); continue;
                case '&':
                    tokens.Add(next == '&' ? Simple(XppTokenKind.AndAnd, ref i, 2) : Invalid(ref i, 1, "'&' is not an operator; write '&&'"));
                    continue;
                case '|':
                    tokens.Add(next == '|' ? Simple(XppTokenKind.OrOr, ref i, 2) : Invalid(ref i, 1, "'|' is not an operator; write '||'"));
                    continue;
                case '!':
                    tokens.Add(next == '=' ? Simple(XppTokenKind.NotEquals, ref i, 2) : Simple(XppTokenKind.Bang, ref i, 1));
                    continue;
                case '=':
                    tokens.Add(next == '=' ? Simple(XppTokenKind.EqualsEquals, ref i, 2) : Simple(XppTokenKind.LoneEquals, ref i, 1));
                    continue;
                case '<':
                    tokens.Add(next == '=' ? Simple(XppTokenKind.LessOrEqual, ref i, 2)
                        : next == '>' ? Invalid(ref i, 2, "'<>' is not an X++ operator; write '!='")
                        : Simple(XppTokenKind.Less, ref i, 1));
                    continue;
                case '>':
                    tokens.Add(next == '=' ? Simple(XppTokenKind.GreaterOrEqual, ref i, 2) : Simple(XppTokenKind.Greater, ref i, 1));
                    continue;
                case '.':
                    tokens.Add(next == '.' ? Simple(XppTokenKind.DotDot, ref i, 2) : Simple(XppTokenKind.Dot, ref i, 1));
                    continue;
                case ':':
                    tokens.Add(next == ':' ? Simple(XppTokenKind.ColonColon, ref i, 2) : Invalid(ref i, 1, "':' is not an operator; an enum value is written EnumType::Member"));
                    continue;
                case '"':
                case '\'':
                    tokens.Add(ReadString(text, ref i));
                    continue;
            }

            if (IsDigit(c) || (c == '-' && IsDigit(next)))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }

            if (IsWordChar(c))
            {
                tokens.Add(ReadWord(text, ref i, start));
                continue;
            }

            tokens.Add(Invalid(ref i, char.IsSurrogatePair(text, i) ? 2 : 1, "unexpected character '" + text.Substring(start, char.IsSurrogatePair(text, i) ? 2 : 1) + "'"));
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || IsDigit(c) || c == '*' || c == '?';

    private static XppToken Simple(XppTokenKind kind, ref int i, int length)
    {
        var token = new XppToken(kind, i, length, "");
        i += length;
        return token;
    }

    private static XppToken Invalid(ref int i, int length, string message)
    {
        var token = new XppToken(XppTokenKind.Invalid, i, length, message);
        i += length;
        return token;
    }

    private static XppToken ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                i++;
                return new XppToken(XppTokenKind.String, start, i - start, builder.ToString());
            }

            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\'))
            {
                builder.Append(text[i + 1]);
                i += 2;
                continue;
            }

            builder.Append(c);
            i++;
        }

        i = text.Length;
        return new XppToken(XppTokenKind.Invalid, start, 1, "the string is not closed; end it with " + quote);
    }

    private static XppToken ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        // dd\mm\yyyy
        if (i + 1 < text.Length && text[i] == '\\' && IsDigit(text[i + 1]) && text[start] != '-')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }

            if (i + 1 < text.Length && text[i] == '\\' && IsDigit(text[i + 1]))
            {
                i++;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }

                return new XppToken(XppTokenKind.Date, start, i - start, text.Substring(start, i - start));
            }

            return new XppToken(XppTokenKind.Invalid, start, i - start, "'" + text.Substring(start, i - start) + "' is not a date; write dates as dd\\mm\\yyyy");
        }

        if (i + 1 < text.Length && text[i] == '.' && IsDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && IsWordChar(text[i]))
        {
            // 12abc, 1*: a bare word, not a number.
            return ReadWord(text, ref i, start);
        }

        return new XppToken(XppTokenKind.Number, start, i - start, text.Substring(start, i - start));
    }

    private static XppToken ReadWord(string text, ref int i, int start)
    {
        var wildcard = false;
        while (i < text.Length && IsWordChar(text[i]))
        {
            wildcard |= text[i] == '*' || text[i] == '?';
            i++;
        }

        var word = text.Substring(start, i - start);
        var isIdentifier = !wildcard && !IsDigit(word[0]) && word[0] != '-';
        return new XppToken(isIdentifier ? XppTokenKind.Identifier : XppTokenKind.BareWord, start, i - start, word);
    }
}
