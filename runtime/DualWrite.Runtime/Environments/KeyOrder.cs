using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.Environments;

/// <summary>
/// The order in which <see cref="IDualWriteEnvironment.ReadInKeyOrderAsync{T}"/> returns rows: key values compared one
/// after the other as text, by code point, with ASCII letters folded to lower case. That is SQLite's <c>NOCASE</c>
/// over UTF-8, so a merge of two streams sorted by the databases agrees with them on what comes first and what is
/// equal.
/// </summary>
public sealed class KeyOrder : IComparer<IReadOnlyList<string>>
{
    /// <summary>The comparer.</summary>
    public static readonly KeyOrder Instance = new();

    private KeyOrder()
    {
    }

    /// <inheritdoc/>
    public int Compare(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var order = CompareText(x[i], y[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    /// <summary>Compares two values as <c>NOCASE</c> does.</summary>
    public static int CompareText(string x, string y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var a = Weight(x[i]);
            var b = Weight(y[i]);
            if (a != b)
            {
                return a - b;
            }
        }

        return x.Length - y.Length;
    }

    // UTF-16 code units order like code points (and so like UTF-8 bytes) except that surrogates, which encode code
    // points above U+FFFF, sort below U+E000..U+FFFF; moving them above restores code-point order.
    private static int Weight(char c) => c switch
    {
        >= 'A' and <= 'Z' => c + 32,
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };
}
