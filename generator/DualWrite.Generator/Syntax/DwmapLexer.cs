using System.Globalization;
using System.Text;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Syntax;

/// <summary>
/// Character-level rules of DSL.md §2, shared by the token parsers, by the messages that describe what was
/// found at an error, and by error recovery, so that all three agree on where a token starts and ends.
/// </summary>
/// <remarks>
/// String literals and filter texts end at the end of their line: an unterminated one then costs one line,
/// not the rest of the file. Block comments are the exception (DSL.md allows them to span lines), so an
/// unterminated block comment runs to the end of the file.
/// </remarks>
internal static class DwmapLexer
{
    public static bool IsIdentifierStart(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static bool IsLineBreak(char c) => c == '\n' || c == '\r';

    public static bool IsWhiteSpace(char c) =>
        c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\uFEFF' || (c > 127 && char.IsWhiteSpace(c));

    /// <summary>
    /// Skips whitespace and comments. Stops in front of an unterminated <c>/*</c> so that the next token
    /// parser fails there and the error points at the comment.
    /// </summary>
    public static int SkipTrivia(string text, int position)
    {
        var i = position;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i += 2;
                while (i < text.Length && !IsLineBreak(text[i]))
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                if (close < 0)
                {
                    return i;
                }

                i = close + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    public static bool IsUnterminatedComment(string text, int position) =>
        position + 1 < text.Length && text[position] == '/' && text[position + 1] == '*'
        && text.IndexOf("*/", position + 2, System.StringComparison.Ordinal) < 0;

    public static bool HasLineBreak(string text, int start, int end)
    {
        for (var i = start; i < end && i < text.Length; i++)
        {
            if (IsLineBreak(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The end of the identifier at <paramref name="position"/>, or <paramref name="position"/> if there is none.</summary>
    public static int ScanIdentifier(string text, int position)
    {
        if (position >= text.Length || !IsIdentifierStart(text[position]))
        {
            return position;
        }

        var i = position + 1;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// An identifier with hyphenated continuations (<c>latest-wins</c>): the policy words of <c>conflict</c>,
    /// and the unit shown as "found" so that a wrong policy is quoted whole.
    /// </summary>
    public static int ScanWord(string text, int position)
    {
        var end = ScanIdentifier(text, position);
        if (end == position)
        {
            return position;
        }

        while (end + 1 < text.Length && text[end] == '-' && IsIdentifierPart(text[end + 1]))
        {
            end++;
            while (end < text.Length && IsIdentifierPart(text[end]))
            {
                end++;
            }
        }

        return end;
    }

    public static bool IsWordAt(string text, int position, string word)
    {
        if (position + word.Length > text.Length || string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            return false;
        }

        var end = position + word.Length;
        return end >= text.Length || !IsIdentifierPart(text[end]);
    }

    /// <summary>The end of the number at <paramref name="position"/> (<c>-12</c>, <c>12.50</c>), or <paramref name="position"/>.</summary>
    public static int ScanNumber(string text, int position, out bool isDecimal)
    {
        isDecimal = false;
        var i = position;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !IsDigit(text[i]))
        {
            return position;
        }

        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && IsDigit(text[i + 1]))
        {
            isDecimal = true;
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        return i;
    }

    /// <summary>The direction at <paramref name="position"/>, its length in <paramref name="length"/> (0 if none).</summary>
    public static SyncDirection ScanDirection(string text, int position, out int length)
    {
        length = 0;
        if (position + 1 >= text.Length)
        {
            return SyncDirection.Both;
        }

        if (text[position] == '<' && text[position + 1] == '-')
        {
            if (position + 2 < text.Length && text[position + 2] == '>')
            {
                length = 3;
                return SyncDirection.Both;
            }

            length = 2;
            return SyncDirection.ToFo;
        }

        if (text[position] == '-' && text[position + 1] == '>')
        {
            length = 2;
            return SyncDirection.ToDataverse;
        }

        return SyncDirection.Both;
    }

    public static bool IsDirectionAt(string text, int position)
    {
        ScanDirection(text, position, out var length);
        return length > 0;
    }

    public static string DirectionText(SyncDirection direction) => direction switch
    {
        SyncDirection.ToDataverse => "->",
        SyncDirection.ToFo => "<-",
        _ => "<->",
    };

    /// <summary>Scans the string literal whose opening quote is at <paramref name="position"/>.</summary>
    public static StringScan ScanString(string text, int position)
    {
        StringBuilder? decoded = null;
        var segmentStart = position + 1;
        TextRange? badEscape = null;
        var i = position + 1;
        while (i < text.Length && !IsLineBreak(text[i]))
        {
            var c = text[i];
            if (c == '"')
            {
                var value = decoded is null
                    ? text.Substring(position + 1, i - position - 1)
                    : decoded.Append(text, segmentStart, i - segmentStart).ToString();
                return new StringScan(i + 1, value, badEscape is null ? LexicalError.None : LexicalError.InvalidEscape, badEscape ?? default);
            }

            if (c == '\\')
            {
                if (i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                {
                    decoded ??= new StringBuilder();
                    decoded.Append(text, segmentStart, i - segmentStart).Append(text[i + 1]);
                    i += 2;
                    segmentStart = i;
                    continue;
                }

                if (badEscape is null && i + 1 < text.Length && !IsLineBreak(text[i + 1]))
                {
                    badEscape = new TextRange(i, 2);
                }
            }

            i++;
        }

        return new StringScan(i, null, LexicalError.UnterminatedString, TextRange.FromBounds(position, i));
    }

    /// <summary>Scans the filter text whose opening backtick is at <paramref name="position"/>.</summary>
    public static int ScanRawText(string text, int position, out bool terminated)
    {
        var i = position + 1;
        while (i < text.Length && text[i] != '`' && !IsLineBreak(text[i]))
        {
            i++;
        }

        terminated = i < text.Length && text[i] == '`';
        return terminated ? i + 1 : i;
    }

    /// <summary>Whether <paramref name="position"/> is the first token of its line (only blanks before it).</summary>
    public static bool IsFirstOnLine(string text, int position)
    {
        var i = position - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] == '\t' || text[i] == '\uFEFF'))
        {
            i--;
        }

        return i < 0 || IsLineBreak(text[i]);
    }

    /// <summary>
    /// Whether the token at <paramref name="position"/> starts a top-level declaration: a declaration keyword
    /// first on its line and followed on the same line by a name. The name distinguishes <c>map Orders : …</c>
    /// from a field called <c>map</c>, which a direction follows.
    /// </summary>
    public static bool IsDeclarationStart(string text, int position)
    {
        if (position >= text.Length || !IsIdentifierStart(text[position]) || !IsFirstOnLine(text, position))
        {
            return false;
        }

        var end = ScanIdentifier(text, position);
        var length = end - position;
        if (!(IsKeyword(text, position, length, "map") || IsKeyword(text, position, length, "valuemap")
            || IsKeyword(text, position, length, "numbers") || IsKeyword(text, position, length, "schema")
            || IsKeyword(text, position, length, "namespace")))
        {
            return false;
        }

        var next = SkipTrivia(text, end);
        return next > end && next < text.Length && IsIdentifierStart(text[next]) && !HasLineBreak(text, end, next);
    }

    /// <summary>The end of the token at <paramref name="position"/> (which must not be trivia), as error recovery skips it.</summary>
    public static int TokenEnd(string text, int position)
    {
        if (position >= text.Length)
        {
            return text.Length;
        }

        var c = text[position];
        if (IsUnterminatedComment(text, position))
        {
            return text.Length;
        }

        if (IsIdentifierStart(c))
        {
            return ScanWord(text, position);
        }

        if (c == '"')
        {
            return ScanString(text, position).End;
        }

        if (c == '`')
        {
            return ScanRawText(text, position, out _);
        }

        var number = ScanNumber(text, position, out _);
        if (number > position)
        {
            return number;
        }

        ScanDirection(text, position, out var directionLength);
        if (directionLength > 0)
        {
            return position + directionLength;
        }

        if (char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]))
        {
            return position + 2;
        }

        if (IsOperatorChar(c))
        {
            var i = position + 1;
            while (i < text.Length && IsOperatorChar(text[i]))
            {
                i++;
            }

            return i;
        }

        if ((c == '.' || c == ':') && position + 1 < text.Length && text[position + 1] == c)
        {
            return position + 2;
        }

        return position + 1;
    }

    /// <summary>What an error message says was found at <paramref name="position"/>, and where it is.</summary>
    public static FoundToken DescribeToken(string text, int position)
    {
        if (position >= text.Length)
        {
            return new FoundToken(new TextRange(text.Length, 0), "end of file", null);
        }

        var c = text[position];
        if (IsUnterminatedComment(text, position))
        {
            return new FoundToken(new TextRange(position, 2), "'/*'", "Unterminated comment: '/*' has no closing '*/'");
        }

        if (c == '"')
        {
            var scan = ScanString(text, position);
            return scan.Error switch
            {
                LexicalError.UnterminatedString => new FoundToken(scan.ErrorRange, "a string", "Unterminated string literal: close it with '\"' before the end of the line"),
                LexicalError.InvalidEscape => new FoundToken(
                    scan.ErrorRange,
                    "a string",
                    $"Invalid escape sequence '{text.Substring(scan.ErrorRange.Start, scan.ErrorRange.Length)}' in string literal: only \\\" and \\\\ are escapes"),
                _ => new FoundToken(TextRange.FromBounds(position, scan.End), Shorten(text.Substring(position, scan.End - position)), null),
            };
        }

        if (c == '`')
        {
            var end = ScanRawText(text, position, out var terminated);
            return terminated
                ? new FoundToken(TextRange.FromBounds(position, end), "filter text " + Shorten(text.Substring(position, end - position)), null)
                : new FoundToken(TextRange.FromBounds(position, end), "filter text", "Unterminated filter text: close it with '`' before the end of the line");
        }

        var tokenEnd = TokenEnd(text, position);
        var range = TextRange.FromBounds(position, tokenEnd);
        if (char.IsControl(c) || (char.IsSurrogate(c) && tokenEnd - position == 1) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
        {
            return new FoundToken(range, "character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture), null);
        }

        return new FoundToken(range, "'" + Shorten(text.Substring(position, tokenEnd - position)) + "'", null);
    }

    private static bool IsKeyword(string text, int position, int length, string keyword) =>
        length == keyword.Length && string.CompareOrdinal(text, position, keyword, 0, length) == 0;

    private static bool IsOperatorChar(char c) => c is '<' or '>' or '=' or '!' or '&' or '|' or '+' or '-' or '*' or '%' or '^' or '~' or '?';

    private static string Shorten(string token) => token.Length <= 40 ? token : token.Substring(0, 37) + "...";
}

internal enum LexicalError
{
    None,
    UnterminatedString,
    InvalidEscape,
}

/// <summary>A scanned string literal: <see cref="Value"/> is null when it is unterminated.</summary>
internal readonly record struct StringScan(int End, string? Value, LexicalError Error, TextRange ErrorRange);

/// <summary>
/// The token at an error position: its range, how a message quotes it, and the lexical error it has
/// (an unterminated literal or comment), which then replaces the grammar's "expected" message.
/// </summary>
internal readonly record struct FoundToken(TextRange Range, string Display, string? LexicalError);
