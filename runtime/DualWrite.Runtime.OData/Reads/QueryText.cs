using System;
using System.Text;

namespace DualWrite.Runtime.OData.Reads;

/// <summary>
/// Text of a URL's query escaped as <see cref="Uri"/> escapes it, counted and written without building a <see cref="Uri"/>:
/// the read-ahead measured every key's clause through a throwaway one, and built each query's URL (7 KB) several times
/// over to send it. What a query may hold stays (RFC 3986's unreserved characters and sub-delimiters, <c>:</c>, <c>@</c>,
/// <c>/</c>, <c>?</c>, <c>[</c>, <c>]</c>, and a <c>%</c> that opens an escape); any other character is its UTF-8 bytes
/// percent-escaped. For what key filters hold (names, operators, spaces, literals escaped by
/// <see cref="Uri.EscapeDataString(string)"/>) that is the text a <see cref="Uri"/> sends; for any text it means the
/// same query, and a <see cref="Uri"/> made of it is no longer.
/// </summary>
internal static class QueryText
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>The characters <paramref name="text"/> takes in a URL's query, escaped.</summary>
    public static int EscapedLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            length += Kept(text, i) ? 1 : 3 * Utf8Bytes(text, ref i);
        }

        return length;
    }

    /// <summary>Writes <paramref name="text"/> escaped into <paramref name="destination"/>; returns the characters written.</summary>
    public static int Escape(ReadOnlySpan<char> text, Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[4];
        var written = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Kept(text, i))
            {
                destination[written++] = text[i];
                continue;
            }

            var start = i;
            var count = Utf8Bytes(text, ref i);
            Encoding.UTF8.GetBytes(text.Slice(start, i - start + 1), bytes);
            foreach (var b in bytes[..count])
            {
                destination[written++] = '%';
                destination[written++] = Hex[b >> 4];
                destination[written++] = Hex[b & 0xF];
            }
        }

        return written;
    }

    private static bool Kept(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')
        {
            return true;
        }

        return c switch
        {
            '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '/' or '?' or '[' or ']' => true,
            '%' => i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]),
            _ => false,
        };
    }

    // The UTF-8 bytes of the character at i (a surrogate pair moves i to its second half); a lone surrogate is U+FFFD's.
    private static int Utf8Bytes(ReadOnlySpan<char> text, ref int i)
    {
        var c = text[i];
        if (c < 0x80)
        {
            return 1;
        }

        if (c < 0x800)
        {
            return 2;
        }

        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return 4;
        }

        return 3;
    }
}
