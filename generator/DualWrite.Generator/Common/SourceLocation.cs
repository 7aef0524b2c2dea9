using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DualWrite.Generator.Common;

/// <summary>
/// A position in a file with 0-based lines and columns. Unlike <see cref="Location"/> it is a plain
/// value, so diagnostics carrying it can live in cached incremental models.
/// </summary>
internal sealed record SourceLocation(string FilePath, TextRange Range, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>
    /// A location in <paramref name="tree"/> when the position is in that C# file (and still fits it); else an
    /// external-file location, as for .dwmap files.
    /// </summary>
    public Location ToLocation(SyntaxTree? tree = null) => tree is not null && Range.End <= tree.Length
        ? Location.Create(tree, new TextSpan(Range.Start, Range.Length))
        : Location.Create(
            FilePath,
            new TextSpan(Range.Start, Range.Length),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));

    /// <summary><c>file.dwmap(3,5)</c>: the file name and 1-based line and column, as messages cite other places.</summary>
    public override string ToString() => $"{System.IO.Path.GetFileName(FilePath)}({StartLine + 1},{StartColumn + 1})";
}
