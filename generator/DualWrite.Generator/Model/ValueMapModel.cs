using DualWrite.Generator.Common;

namespace DualWrite.Generator.Model;

/// <summary>
/// A generated value map: one method per direction that has entries. Case values are C# expressions of the
/// source type, results C# expressions of the target type. <c>else</c> becomes the fallback; without one an
/// unmatched value throws, so a bad record is refused rather than written with a wrong value.
/// </summary>
internal sealed record ValueMapModel(
    string Name,
    string Namespace,
    string FoClrType,
    string DataverseClrType,
    ValueMapDirectionModel? ToDataverse,
    ValueMapDirectionModel? ToFo)
{
    public string QualifiedClassName => "global::" + Namespace + ".ValueMaps." + Common.CSharp.TypeName(Name);
}

/// <summary>The entries of one direction; <see cref="IgnoreCase"/> for text, matched as F&amp;O and Dataverse match it.</summary>
internal sealed record ValueMapDirectionModel(EquatableArray<ValueMapCaseModel> Cases, string? Else, bool IgnoreCase);

internal sealed record ValueMapCaseModel(string From, string To, string FromDisplay);

/// <summary>Number-sequence ranges of a map's key field (DSL <c>numbers</c>).</summary>
internal sealed record NumbersModel(
    string Name,
    string MapName,
    string MapNamespace,
    string Field,
    NumberRangeModel Fo,
    NumberRangeModel Dataverse);

/// <summary>Either an inclusive range (<see cref="From"/>..<see cref="To"/>) or a <see cref="Prefix"/>.</summary>
internal sealed record NumberRangeModel(string? From, string? To, string? Prefix);
