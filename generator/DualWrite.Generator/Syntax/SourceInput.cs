using System;
using System.Collections.Generic;
using Sprache;

namespace DualWrite.Generator.Syntax;

/// <summary>
/// The parser's view of the text: a position in an immutable string. Sprache's own Input cannot be created
/// at an arbitrary offset, which error recovery needs to resume after skipped text, and it tracks lines and
/// columns on every step although the parser only needs offsets (LineMap converts them once at the end).
/// </summary>
internal sealed class SourceInput : IInput
{
    private IDictionary<object, object>? _memos;

    public SourceInput(string source, int position)
    {
        Source = source;
        Position = position < 0 ? 0 : position > source.Length ? source.Length : position;
    }

    public string Source { get; }

    public int Position { get; }

    public bool AtEnd => Position >= Source.Length;

    public char Current => AtEnd ? '\0' : Source[Position];

    // 1-based like Sprache's Input; computed on demand because the grammar never asks for it.
    public int Line => GetLineAndColumn().Line;

    public int Column => GetLineAndColumn().Column;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd ? this : new SourceInput(Source, Position + 1);

    public SourceInput At(int position) => position == Position ? this : new SourceInput(Source, position);

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(other.Source, Source) && other.Position == Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;

    public override string ToString() => $"offset {Position}";

    private (int Line, int Column) GetLineAndColumn()
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < Position; i++)
        {
            var c = Source[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= Source.Length || Source[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, Math.Max(0, Position - lineStart) + 1);
    }
}
