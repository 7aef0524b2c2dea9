using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits <c>DualWriteMaps</c>: every map of the compilation in a valid initial-sync order (DSL.md §6), with a
/// description of each that a runtime can act on without reflection.
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
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<DualWriteMapInfo> All { get; } = new DualWriteMapInfo[]");
        writer.OpenBlock();
        foreach (var map in model.Maps)
        {
            var dependsOn = map.DependsOn.IsEmpty ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", map.DependsOn.Select(CSharp.StringLiteral)) + " }";
            writer.WriteLine($"new DualWriteMapInfo({CSharp.StringLiteral(map.Name)}, typeof(global::{map.Namespace}.{map.ClassName}), {CSharp.StringLiteral(map.Fo.EntitySet)}, {CSharp.StringLiteral(map.Dataverse.EntitySet)}, DualWriteDirection.{map.Direction}, DualWriteCompanyScope.{map.Company}, DualWriteConflictPolicy.{map.Conflict}, DualWriteDeletePolicy.{map.Deletes}, {dependsOn}),");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
        writer.WriteLine();
        WriteSupportTypes(writer);
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteSupportTypes(SourceWriter writer)
    {
        writer.WriteLine("/// <summary>A map as the runtime sees it.</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public sealed class DualWriteMapInfo");
        writer.OpenBlock("public DualWriteMapInfo(string name, global::System.Type mapType, string foEntitySet, string dataverseEntitySet, DualWriteDirection direction, DualWriteCompanyScope company, DualWriteConflictPolicy conflict, DualWriteDeletePolicy deletes, global::System.Collections.Generic.IReadOnlyList<string> dependsOn)");
        foreach (var (property, parameter) in Properties)
        {
            writer.WriteLine($"{property} = {parameter};");
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>The map's name.</summary>");
        writer.WriteLine("public string Name { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The generated map class.</summary>");
        writer.WriteLine("public global::System.Type MapType { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The F&amp;O entity set.</summary>");
        writer.WriteLine("public string FoEntitySet { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The Dataverse entity set.</summary>");
        writer.WriteLine("public string DataverseEntitySet { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Which way records flow.</summary>");
        writer.WriteLine("public DualWriteDirection Direction { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Company-striped or global.</summary>");
        writer.WriteLine("public DualWriteCompanyScope Company { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Who wins when both sides changed a record while the map was paused.</summary>");
        writer.WriteLine("public DualWriteConflictPolicy Conflict { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Whether deletes are synced.</summary>");
        writer.WriteLine("public DualWriteDeletePolicy Deletes { get; }");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The maps that go first in an initial sync (<c>after</c> and lookups).</summary>");
        writer.WriteLine("public global::System.Collections.Generic.IReadOnlyList<string> DependsOn { get; }");
        writer.CloseBlock();
        WriteEnum(writer, "DualWriteDirection", "Which way a map's records flow.", "Both", "ToDataverse", "ToFo");
        WriteEnum(writer, "DualWriteCompanyScope", "Whether a map is company-striped or global.", "Striped", "Global");
        WriteEnum(writer, "DualWriteConflictPolicy", "Who wins when both sides changed a record while a map was paused.", "Fail", "FoWins", "DataverseWins", "LatestWins");
        WriteEnum(writer, "DualWriteDeletePolicy", "Whether a map syncs deletes.", "Sync", "Ignore");
    }

    private static readonly (string Property, string Parameter)[] Properties =
    {
        ("Name", "name"), ("MapType", "mapType"), ("FoEntitySet", "foEntitySet"), ("DataverseEntitySet", "dataverseEntitySet"),
        ("Direction", "direction"), ("Company", "company"), ("Conflict", "conflict"), ("Deletes", "deletes"), ("DependsOn", "dependsOn"),
    };

    private static void WriteEnum(SourceWriter writer, string name, string summary, params string[] members)
    {
        writer.WriteLine();
        writer.WriteLine($"/// <summary>{summary}</summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public enum " + name);
        foreach (var member in members)
        {
            writer.WriteLine(member + ",");
        }

        writer.CloseBlock();
    }
}
