using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits <c>DualWriteMaps</c>: every map of the compilation in a valid initial-sync order (DSL.md §6), as names
/// and as the definitions a runtime drives, and the number sequences.
/// </summary>
internal static class DualWriteMapsEmitter
{
    public static string HintName(DualWriteMapsModel model) => $"{model.Namespace}.DualWriteMaps.g.cs";

    public static string Emit(DualWriteMapsModel model)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.OpenBlock("namespace " + model.Namespace);
        writer.WriteLine("/// <summary>Every map of this project, in a valid initial-sync order: each map after the maps it depends on.</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public static class DualWriteMaps");
        writer.WriteLine("/// <summary>The maps' names in initial-sync order.</summary>");
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<string> InitialSyncOrder { get; } = new string[]");
        writer.OpenBlock();
        foreach (var map in model.Maps)
        {
            writer.WriteLine(CSharp.StringLiteral(map.Name) + ",");
        }

        writer.CloseBlock(";");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The maps in initial-sync order.</summary>");
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<global::DualWrite.IDualWriteMap> All { get; } = new global::DualWrite.IDualWriteMap[]");
        writer.OpenBlock();
        foreach (var map in model.Maps)
        {
            writer.WriteLine($"global::{map.Namespace}.{map.ClassName}.Definition,");
        }

        writer.CloseBlock(";");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The number sequences of the maps' key fields.</summary>");
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<global::DualWrite.NumberSequence> NumberSequences { get; } = new global::DualWrite.NumberSequence[]");
        writer.OpenBlock();
        foreach (var numbers in model.Numbers)
        {
            var owner = $"global::{numbers.MapNamespace}.{numbers.MapName}Map.{CSharp.TypeName(numbers.Name)}";
            writer.WriteLine($"new global::DualWrite.NumberSequence({CSharp.StringLiteral(numbers.Name)}, {CSharp.StringLiteral(numbers.MapName)}, {CSharp.StringLiteral(numbers.Field)}, {CSharp.StringLiteral(NumbersEmitter.Describe(numbers.Fo))}, {CSharp.StringLiteral(NumbersEmitter.Describe(numbers.Dataverse))}, {owner}.IsFoNumber, {owner}.IsDataverseNumber),");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
