using System.Collections.Generic;
using System.Text;

namespace DualWrite.Generator.Filters.OData;

internal enum ODataTokenKind
{
    End,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Slash,
    Colon,
    Minus,

    /// <summary>A name, possibly qualified (<c>geo.intersects</c>); keywords (<c>and</c>, <c>eq</c>, <c>true</c>) are names too.</summary>
    Identifier,

    /// <summary><c>'…'</c> with <c>''</c> for a quote; <see cref="ODataToken.Value"/> is the decoded text.</summary>
    String,

    /// <summary><c>"…"</c>: JSON strings of OData 4.01 arrays and objects, not OData string literals.</summary>
    JsonString,
    Integer,
    Decimal,
    Guid,
    Date,
    DateTimeOffset,

    /// <summary><c>Namespace.EnumType'Member'</c>: <see cref="ODataToken.Value"/> is the member, <see cref="ODataToken.Qualifier"/> the type.</summary>
    EnumLiteral,

    /// <summary><c>$it</c>, <c>$this</c>, <c>$root</c>, <c>@alias</c> and other special names.</summary>
    Special,

    /// <summary>No token; <see cref="ODataToken.Value"/> says what went wrong.</summary>
    Invalid,
}

internal readonly struct ODataToken
{
    public ODataToken(ODataTokenKind kind, int start, int length, string value, string? qualifier = null)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Value = value;
        Qualifier = qualifier;
    }

    public ODataTokenKind Kind { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public string Value { get; }

    public string? Qualifier { get; }

    public bool Is(string keyword) => Kind == ODataTokenKind.Identifier && string.Equals(Value, keyword, System.StringComparison.OrdinalIgnoreCase);
}

/// <summary>The lexer of OData <c>$filter</c> expressions (the Dataverse filter language).</summary>
internal static class ODataLexer
{
    public static List<ODataToken> Tokenize(string text)
    {
        var tokens = new List<ODataToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new ODataToken(ODataTokenKind.End, text.Length, 0, ""));
                return tokens;
            }

            var start = i;
            var c = text[i];
            ODataTokenKind? single = c switch
            {
                '(' => ODataTokenKind.LeftParen,
                ')' => ODataTokenKind.RightParen,
                '[' => ODataTokenKind.LeftBracket,
                ']' => ODataTokenKind.RightBracket,
                '{' => ODataTokenKind.LeftBrace,
                '}' => ODataTokenKind.RightBrace,
                ',' => ODataTokenKind.Comma,
                '/' => ODataTokenKind.Slash,
                ':' => ODataTokenKind.Colon,
                _ => null,
            };
            if (single is not null)
            {
                tokens.Add(new ODataToken(single.Value, i++, 1, text.Substring(start, 1)));
                continue;
            }

            if (c == '\'')
            {
                tokens.Add(ReadString(text, ref i, ODataTokenKind.String, '\''));
                continue;
            }

            if (c == '"')
            {
                tokens.Add(ReadString(text, ref i, ODataTokenKind.JsonString, '"'));
                continue;
            }

            if (TryReadGuid(text, ref i, out var guid))
            {
                tokens.Add(guid);
                continue;
            }

            if (IsDigit(c) || (c == '-' && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                tokens.Add(ReadNumberOrDate(text, ref i));
                continue;
            }

            if (c == '-')
            {
                tokens.Add(new ODataToken(ODataTokenKind.Minus, i++, 1, "-"));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                tokens.Add(ReadName(text, ref i));
                continue;
            }

            if ((c == '$' || c == '@') && i + 1 < text.Length && IsIdentifierStart(text[i + 1]))
            {
                i++;
                while (i < text.Length && (IsIdentifierPart(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new ODataToken(ODataTokenKind.Special, start, i - start, text.Substring(start, i - start)));
                continue;
            }

            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            var message = c switch
            {
                '%' => "'%' starts percent-encoded text; write the filter decoded (%20 is a space, %27 a quote)",
                '=' or '<' or '>' or '!' or '&' or '|' => "'" + c + "' is not an OData operator; write eq, ne, lt, le, gt, ge, and, or, not",
                _ => "unexpected character '" + text.Substring(i, length) + "'",
            };
            tokens.Add(new ODataToken(ODataTokenKind.Invalid, start, length, message));
            i += length;
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private static ODataToken ReadString(string text, ref int i, ODataTokenKind kind, char quote)
    {
        var start = i++;
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote && quote == '\'')
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return new ODataToken(kind, start, i - start, builder.ToString());
            }

            if (quote == '"' && c == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[i + 1]);
                i += 2;
                continue;
            }

            builder.Append(c);
            i++;
        }

        i = text.Length;
        return new ODataToken(ODataTokenKind.Invalid, start, 1, "the string is not closed; end it with " + quote + (quote == '\'' ? " (a quote inside is written '')" : ""));
    }

    private static bool TryReadGuid(string text, ref int i, out ODataToken token)
    {
        token = default;
        int[] groups = { 8, 4, 4, 4, 12 };
        var p = i;
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0)
            {
                if (p >= text.Length || text[p] != '-')
                {
                    return false;
                }

                p++;
            }

            for (var k = 0; k < groups[g]; k++, p++)
            {
                if (p >= text.Length || !IsHex(text[p]))
                {
                    return false;
                }
            }
        }

        if (p < text.Length && (IsIdentifierPart(text[p]) || text[p] == '-'))
        {
            return false;
        }

        token = new ODataToken(ODataTokenKind.Guid, i, p - i, text.Substring(i, p - i));
        i = p;
        return true;
    }

    private static ODataToken ReadNumberOrDate(string text, ref int i)
    {
        var start = i;

        // yyyy-mm-dd, optionally followed by Thh:mm[:ss[.fffffff]](Z|±hh:mm)
        if (i + 10 <= text.Length && IsDigit(text[i]) && IsDigit(text[i + 1]) && IsDigit(text[i + 2]) && IsDigit(text[i + 3])
            && text[i + 4] == '-' && IsDigit(text[i + 5]) && IsDigit(text[i + 6]) && text[i + 7] == '-' && IsDigit(text[i + 8]) && IsDigit(text[i + 9]))
        {
            i += 10;
            if (i < text.Length && (text[i] == 'T' || text[i] == 't'))
            {
                i++;
                while (i < text.Length && (IsDigit(text[i]) || text[i] == ':' || text[i] == '.' || text[i] == 'Z' || text[i] == 'z' || text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                return new ODataToken(ODataTokenKind.DateTimeOffset, start, i - start, text.Substring(start, i - start));
            }

            return new ODataToken(ODataTokenKind.Date, start, i - start, text.Substring(start, i - start));
        }

        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        var kind = ODataTokenKind.Integer;
        if (i + 1 < text.Length && text[i] == '.' && IsDigit(text[i + 1]))
        {
            kind = ODataTokenKind.Decimal;
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var p = i + 1;
            if (p < text.Length && (text[p] == '+' || text[p] == '-'))
            {
                p++;
            }

            if (p < text.Length && IsDigit(text[p]))
            {
                kind = ODataTokenKind.Decimal;
                i = p;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        if (i < text.Length && (IsIdentifierPart(text[i]) || text[i] == '.'))
        {
            while (i < text.Length && (IsIdentifierPart(text[i]) || text[i] == '.' || text[i] == '-'))
            {
                i++;
            }

            return new ODataToken(ODataTokenKind.Invalid, start, i - start, "'" + text.Substring(start, i - start) + "' is not a number, date or GUID");
        }

        return new ODataToken(kind, start, i - start, text.Substring(start, i - start));
    }

    private static ODataToken ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (IsIdentifierPart(text[i]) || (text[i] == '.' && i + 1 < text.Length && IsIdentifierStart(text[i + 1]))))
        {
            i++;
        }

        var name = text.Substring(start, i - start);
        if (i < text.Length && text[i] == '\'' && name.IndexOf('.') > 0)
        {
            // Namespace.EnumType'Member'
            var literal = ReadString(text, ref i, ODataTokenKind.String, '\'');
            if (literal.Kind == ODataTokenKind.Invalid)
            {
                return literal;
            }

            return new ODataToken(ODataTokenKind.EnumLiteral, start, i - start, literal.Value, name);
        }

        return new ODataToken(ODataTokenKind.Identifier, start, i - start, name);
    }
}
