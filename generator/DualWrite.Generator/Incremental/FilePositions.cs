using System.Collections.Generic;
using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// Where the declarations of one .dwmap file start, and its lines: what puts the positions of a
/// <see cref="DeclarationUnit"/>'s diagnostics back into the file. Only the last, cheap steps (reporting) depend on
/// it, so moving text re-reports diagnostics and re-binds nothing.
/// </summary>
internal sealed record FilePositions(string Path, LineMap Lines, EquatableArray<int> DeclarationStarts)
{
    public static FilePositions Of(DwmapFile file) =>
        new(file.Path, file.Lines, file.Declarations.Select(d => d.Range.Start).ToEquatableArray());

    /// <summary>A location in declaration <paramref name="index"/> (counted from its start) as a location in the file.</summary>
    public SourceLocation Relocate(SourceLocation location, int index) =>
        location.FilePath == Path && index >= 0 && index < DeclarationStarts.Count
            ? Lines.GetLocation(SyntaxRebase.Range(location.Range, DeclarationStarts[index]))
            : location;

    public DiagnosticInfo Relocate(DiagnosticInfo diagnostic, int index) =>
        diagnostic.Location is { } location ? diagnostic with { Location = Relocate(location, index) } : diagnostic;
}
