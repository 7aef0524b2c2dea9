using System;

namespace DualWrite.Generator.Common;

/// <summary>A range of characters in one source file: the offset of its first character and its length.</summary>
internal readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;

    public static TextRange FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public TextRange Union(TextRange other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));
}
