using System;
using System.Collections.Immutable;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// What the pipeline binds and caches as one item: a declaration of a .dwmap file, as a one-declaration file whose
/// ranges count from the declaration's start, so that text moving around it (a comment line above, another
/// declaration growing) leaves it equal and its binding cached. <see cref="Index"/> is its place among the file's
/// declarations, which <see cref="FilePositions"/> turns back into the file's positions. A file of the attribute
/// front end (one C# class) stays whole, with its own positions: <see cref="Index"/> is then -1.
/// </summary>
internal sealed record DeclarationUnit(string Path, int Index, DwmapFile File)
{
    /// <summary>The units of one parsed file: one per map, value map and numbers declaration of a .dwmap file.</summary>
    public static ImmutableArray<DeclarationUnit> Of(DwmapFile file)
    {
        if (!file.Path.EndsWith(".dwmap", StringComparison.OrdinalIgnoreCase))
        {
            return ImmutableArray.Create(new DeclarationUnit(file.Path, -1, file));
        }

        // Every offset of a unit stays on "line 0": its lines and columns are recomputed from the file's line map
        // when its diagnostics are reported, so the unit holds nothing that depends on where it stands.
        var lines = new LineMap(file.Path, EquatableArray.Create(0));
        var @namespace = file.Namespace is { } name ? SyntaxRebase.DottedName(name, -name.Range.Start) : null;
        var units = ImmutableArray.CreateBuilder<DeclarationUnit>();
        for (var i = 0; i < file.Declarations.Count; i++)
        {
            var declaration = file.Declarations[i];
            if (declaration is SchemaDeclaration)
            {
                continue;
            }

            var start = declaration.Range.Start;
            var syntaxErrors = ImmutableArray.CreateBuilder<Checks.DiagnosticInfo>();
            foreach (var error in file.Diagnostics)
            {
                if (error.Location is { } location && location.Range.Start >= start && location.Range.Start <= declaration.Range.End)
                {
                    syntaxErrors.Add(error with { Location = lines.GetLocation(SyntaxRebase.Range(location.Range, -start)) });
                }
            }

            var unit = new DwmapFile(
                file.Path,
                lines,
                @namespace,
                EquatableArray.Create(SyntaxRebase.Declaration(declaration, -start)),
                syntaxErrors.ToImmutable().ToEquatableArray(),
                file.SchemaDirectory);
            units.Add(new DeclarationUnit(file.Path, i, unit));
        }

        return units.ToImmutable();
    }
}
