using System;
using System.Collections.Immutable;

namespace DualWrite.Generator.Common;

/// <summary>Turns character offsets of one file into 0-based line and column positions, counting lines as Roslyn does.</summary>
internal sealed record LineMap(string FilePath, EquatableArray<int> LineStarts)
{
    public static LineMap Create(string filePath, string text)
    {
        var starts = ImmutableArray.CreateBuilder<int>();
        starts.Add(0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c is '\n' or '\u2028' or '\u2029' or '\u0085')
            {
                // The line breaks Roslyn's SourceText counts too, so a location's line and column match its span.
                starts.Add(i + 1);
            }
        }

        return new LineMap(filePath, starts.ToImmutable());
    }

    public (int Line, int Column) GetPosition(int offset)
    {
        var starts = LineStarts.AsImmutableArray();
        var line = starts.BinarySearch(offset);
        if (line < 0)
        {
            // Before the first line start only for a declaration unit's offset that recovery left before the
            // declaration (DeclarationUnit); its position is recomputed in the file's own line map when reported.
            line = Math.Max(0, ~line - 1);
        }

        return (line, offset - starts[line]);
    }

    public SourceLocation GetLocation(TextRange range)
    {
        var (startLine, startColumn) = GetPosition(range.Start);
        var (endLine, endColumn) = GetPosition(range.End);
        return new SourceLocation(FilePath, range, startLine, startColumn, endLine, endColumn);
    }
}
