using System.Collections.Immutable;
using System.Linq;
using DualWrite.Generator.Binding;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;

namespace DualWrite.Generator.Incremental;

/// <summary>
/// The diagnostics of one bound unit, with positions counted from the unit's start (see <see cref="DeclarationUnit"/>):
/// what is reported per unit, so that an edit reports again only the units whose diagnostics or positions changed.
/// </summary>
internal sealed record UnitDiagnostics(string Path, int UnitIndex, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static UnitDiagnostics Of(BoundFile unit) => new(unit.Path, unit.UnitIndex, unit.Diagnostics);

    /// <summary>The diagnostics at their places in the file (as they are for a unit not cut from a .dwmap file, which has no positions there).</summary>
    public EquatableArray<DiagnosticInfo> Relocate(FilePositionsByPath files) =>
        Diagnostics.IsEmpty || files.Find(Path) is not { } file ? Diagnostics : Diagnostics.Select(d => file.Relocate(d, UnitIndex)).ToEquatableArray();

    /// <summary>Each unit's diagnostics at their places in its file, one array per unit (empty ones too, so that a unit keeps its index).</summary>
    public static ImmutableArray<EquatableArray<DiagnosticInfo>> Relocate(ImmutableArray<UnitDiagnostics> units, FilePositionsByPath files)
    {
        var relocated = ImmutableArray.CreateBuilder<EquatableArray<DiagnosticInfo>>(units.Length);
        foreach (var unit in units)
        {
            relocated.Add(unit.Relocate(files));
        }

        return relocated.MoveToImmutable();
    }
}
