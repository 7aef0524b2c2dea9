using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Everything binding one .dwmap file, or one declaration of it, produced. <see cref="OrderNodes"/> and
/// <see cref="Diagnostics"/> carry source positions for the compilation-wide cycle check and for reporting; the models
/// carry none, so moving text around re-emits nothing. <see cref="UnitIndex"/> is the declaration's
/// <see cref="Incremental.DeclarationUnit.Index"/>: its positions count from the declaration's start.
/// </summary>
internal sealed record BoundFile(
    string Path,
    EquatableArray<MapModel> Maps,
    EquatableArray<ValueMapModel> ValueMaps,
    EquatableArray<NumbersModel> Numbers,
    EquatableArray<EntityClassModel> EntityClasses,
    EquatableArray<EnumModel> Enums,
    EquatableArray<MapOrderNode> OrderNodes,
    EquatableArray<DiagnosticInfo> Diagnostics,
    int UnitIndex = -1);
