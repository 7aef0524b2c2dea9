using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits a map's <c>Definition</c>: the map as <c>global::DualWrite.IDualWriteMap&lt;TFo, TDataverse&gt;</c>,
/// which a runtime drives without knowing the map's types. It forwards to the map's static members.
/// </summary>
internal static class DefinitionEmitter
{
    public static void Write(SourceWriter writer, MapModel map, string fo, string dataverse)
    {
        var contract = $"global::DualWrite.IDualWriteMap<{fo}, {dataverse}>";
        var foDescriptor = DescriptorEmitter.QualifiedMember(map.Namespace, Side.Fo, map.Fo.ClassName);
        var dataverseDescriptor = DescriptorEmitter.QualifiedMember(map.Namespace, Side.Dataverse, map.Dataverse.ClassName);
        writer.WriteLine("/// <summary>The map as the runtime drives it.</summary>");
        writer.WriteLine($"public static {contract} Definition {{ get; }} = new DualWriteDefinition();");
        writer.WriteLine();
        writer.OpenBlock($"private sealed class DualWriteDefinition : {contract}");
        writer.WriteLine("public string Name => " + map.ClassName + ".Name;");
        writer.WriteLine($"public global::DualWrite.SyncDirection Direction => global::DualWrite.SyncDirection.{map.Direction};");
        writer.WriteLine($"public global::DualWrite.CompanyScope Company => global::DualWrite.CompanyScope.{map.Company};");
        writer.WriteLine($"public global::DualWrite.ConflictPolicy Conflict => global::DualWrite.ConflictPolicy.{map.Conflict};");
        writer.WriteLine($"public global::DualWrite.DeletePolicy Deletes => global::DualWrite.DeletePolicy.{map.Deletes};");
        var dependsOn = map.DependsOn.IsEmpty ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", map.DependsOn.Select(CSharp.StringLiteral)) + " }";
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<string> DependsOn {{ get; }} = {dependsOn};");
        writer.WriteLine("public string? FoFilter => " + (map.FoFilter is null ? "null" : CSharp.StringLiteral(map.FoFilter.Source)) + ";");
        writer.WriteLine("public string? FoODataFilter => " + map.ClassName + ".FoODataFilter;");
        writer.WriteLine("public string? DataverseFilter => " + (map.DataverseFilter is null ? "null" : CSharp.StringLiteral(map.DataverseFilter.Source)) + ";");
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<global::DualWrite.KeyPath> FoKeyPaths {{ get; }} = {Paths(map.FoKey)};");
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<global::DualWrite.KeyPath> DataverseKeyPaths {{ get; }} = {Paths(map.DataverseKey)};");
        FieldRowsEmitter.Write(writer, map);
        writer.WriteLine($"public global::DualWrite.EntityDescriptor<{fo}> Fo => {foDescriptor};");
        writer.WriteLine($"public global::DualWrite.EntityDescriptor<{dataverse}> Dataverse => {dataverseDescriptor};");
        writer.WriteLine($"global::DualWrite.IEntityDescriptor global::DualWrite.IDualWriteMap.Fo => {foDescriptor};");
        writer.WriteLine($"global::DualWrite.IEntityDescriptor global::DualWrite.IDualWriteMap.Dataverse => {dataverseDescriptor};");
        writer.WriteLine($"public bool MatchesFoFilter({fo} entity) => {map.ClassName}.MatchesFoFilter(entity);");
        writer.WriteLine($"public bool MatchesDataverseFilter({dataverse} entity) => {map.ClassName}.MatchesDataverseFilter(entity);");
        writer.WriteLine(map.FlowsToDataverse
            ? $"public void ToDataverse({fo} source, {dataverse} target) => {map.ClassName}.ToDataverse(source, target);"
            : $"public void ToDataverse({fo} source, {dataverse} target) => throw new global::System.NotSupportedException({CSharp.StringLiteral($"Map '{map.Name}' flows only towards F&O.")});");
        writer.WriteLine(map.FlowsToFo
            ? $"public void ToFo({dataverse} source, {fo} target) => {map.ClassName}.ToFo(source, target);"
            : $"public void ToFo({dataverse} source, {fo} target) => throw new global::System.NotSupportedException({CSharp.StringLiteral($"Map '{map.Name}' flows only towards Dataverse.")});");
        WriteKey(writer, map, fo, map.FoKey, "GetFoKey");
        WriteKey(writer, map, dataverse, map.DataverseKey, "GetDataverseKey");
        writer.WriteLine("public TResult Accept<TResult>(global::DualWrite.IDualWriteMapVisitor<TResult> visitor) => visitor.Visit(this);");
        writer.CloseBlock();
    }

    /// <summary>The key paths split here, once, by schema name: the runtime never parses them.</summary>
    private static string Paths(EquatableArray<KeyMemberModel> members) =>
        "new global::DualWrite.KeyPath[] { " + string.Join(", ", members.Select(m => "new global::DualWrite.KeyPath(" + string.Join(", ", m.Path.Segments.Select(s => CSharp.StringLiteral(s.Property))) + ")")) + " }";

    /// <summary>The integration key from the map's typed key: the company apart, the other members in key order.</summary>
    private static void WriteKey(SourceWriter writer, MapModel map, string entityType, EquatableArray<KeyMemberModel> members, string accessor)
    {
        var striped = map.Company == CompanyScope.Striped;
        var company = striped ? $"key.{CSharp.Identifier(members[0].Name)}" : "null";
        var values = members.Skip(striped ? 1 : 0).Select(m => $"key.{CSharp.Identifier(m.Name)}");
        writer.OpenBlock($"public global::DualWrite.IntegrationKey {accessor}({entityType} entity)");
        writer.WriteLine($"var key = {map.ClassName}.{accessor}(entity);");
        writer.WriteLine($"return new global::DualWrite.IntegrationKey({company}, {string.Join(", ", values)});");
        writer.CloseBlock();
    }
}
