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

    /// <summary>The diagnostics at their places in the file, given the file's positions (null for a unit not cut from a .dwmap file).</summary>
    public EquatableArray<DiagnosticInfo> Relocate(FilePositions? file) =>
        file is null || Diagnostics.IsEmpty ? Diagnostics : Diagnostics.Select(d => file.Relocate(d, UnitIndex)).ToEquatableArray();
}
