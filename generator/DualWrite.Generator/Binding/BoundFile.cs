using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Everything binding one .dwmap file produced. <see cref="OrderNodes"/> carry source positions for the
/// compilation-wide cycle check; the models carry none, so moving text around re-emits nothing.
/// </summary>
internal sealed record BoundFile(
    string Path,
    EquatableArray<MapModel> Maps,
    EquatableArray<ValueMapModel> ValueMaps,
    EquatableArray<NumbersModel> Numbers,
    EquatableArray<EntityClassModel> EntityClasses,
    EquatableArray<EnumModel> Enums,
    EquatableArray<MapOrderNode> OrderNodes,
    EquatableArray<DiagnosticInfo> Diagnostics);
