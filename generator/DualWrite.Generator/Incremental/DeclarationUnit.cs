using System;
using System.Collections.Immutable;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// What the pipeline binds and caches as one item: a declaration of a .dwmap file, as a one-declaration file whose
/// ranges count from the declaration's start (<see cref="File"/>), so that text moving around it (a comment line
/// above, another declaration growing) leaves it equal and its binding cached. <see cref="Index"/> is its place among
/// the file's declarations, which <see cref="FilePositions"/> turns back into the file's positions. A file of the
/// attribute front end (one C# class) stays whole, with its own positions: <see cref="Index"/> is then -1.
/// </summary>
/// <remarks>
/// Every edit of a file cuts it into units again and the driver compares each with the last run's, though one
/// changed. So a unit is compared by its declaration's text first (the parser reads a declaration from its own text
/// alone; its syntax errors, which may describe the token after it, are compared too), and <see cref="File"/>, a
/// copy of the declaration's tree, is built only when read (by the steps that slice and bind a changed unit) or when
/// two texts differ, where the trees decide: an edit of a comment inside a map leaves it equal.
/// </remarks>
internal sealed class DeclarationUnit : IEquatable<DeclarationUnit>
{
    // Every offset of a unit stays on "line 0": its lines and columns are recomputed from the file's line map when its
    // diagnostics are reported, so the unit holds nothing that depends on where it stands.
    private readonly LineMap _lines;
    private readonly DottedName? _namespace;
    private readonly EquatableArray<DiagnosticInfo> _syntaxErrors;
    private readonly string? _schemaDirectory;
    private readonly Declaration? _declaration;
    private readonly string? _text;
    private DwmapFile? _file;

    private DeclarationUnit(string path, int index, DwmapFile file)
    {
        Path = path;
        Index = index;
        _lines = file.Lines;
        _file = file;
    }

    private DeclarationUnit(string path, int index, LineMap lines, DottedName? @namespace, Declaration declaration, EquatableArray<DiagnosticInfo> syntaxErrors, string? schemaDirectory, string? text)
    {
        Path = path;
        Index = index;
        _lines = lines;
        _namespace = @namespace;
        _declaration = declaration;
        _syntaxErrors = syntaxErrors;
        _schemaDirectory = schemaDirectory;
        _text = text;
    }

    public string Path { get; }

    public int Index { get; }

    /// <summary>The one-declaration file binding reads, its ranges counted from the declaration's start.</summary>
    public DwmapFile File
    {
        get
        {
            var file = Volatile.Read(ref _file);
            if (file is null)
            {
                // Two threads may build it at once; both build equal files and either is kept.
                file = new DwmapFile(Path, _lines, _namespace, EquatableArray.Create(SyntaxRebase.Declaration(_declaration!, -_declaration!.Range.Start)), _syntaxErrors, _schemaDirectory);
                Volatile.Write(ref _file, file);
            }

            return file;
        }
    }

    /// <summary>The units of one parsed file: one per map, value map and numbers declaration of a .dwmap file.</summary>
    public static ImmutableArray<DeclarationUnit> Of(DwmapFile file)
    {
        if (!file.Path.EndsWith(".dwmap", StringComparison.OrdinalIgnoreCase))
        {
            return ImmutableArray.Create(new DeclarationUnit(file.Path, -1, file));
        }

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
            var syntaxErrors = ImmutableArray.CreateBuilder<DiagnosticInfo>();
            foreach (var error in file.Diagnostics)
            {
                if (error.Location is { } location && location.Range.Start >= start && location.Range.Start <= declaration.Range.End)
                {
                    syntaxErrors.Add(error with { Location = lines.GetLocation(SyntaxRebase.Range(location.Range, -start)) });
                }
            }

            units.Add(new DeclarationUnit(file.Path, i, lines, @namespace, declaration, syntaxErrors.ToImmutable().ToEquatableArray(), file.SchemaDirectory, file.Text));
        }

        return units.ToImmutable();
    }

    public bool Equals(DeclarationUnit? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Path == other.Path
                && Index == other.Index
                && _namespace == other._namespace
                && _schemaDirectory == other._schemaDirectory
                && _syntaxErrors.Equals(other._syntaxErrors)
                && (SameText(other) || File.Equals(other.File))));

    public override bool Equals(object? obj) => Equals(obj as DeclarationUnit);

    public override int GetHashCode() => (Path, Index).GetHashCode();

    private bool SameText(DeclarationUnit other) =>
        HasText && other.HasText
        && _declaration!.GetType() == other._declaration!.GetType()
        && _text.AsSpan(_declaration.Range.Start, _declaration.Range.Length).SequenceEqual(other._text.AsSpan(other._declaration.Range.Start, other._declaration.Range.Length));

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(_text), nameof(_declaration))]
    private bool HasText => _text is not null && _declaration is not null && _declaration.Range.End <= _text.Length;
}
