using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits a map class (DSL.md §6): filters, the transforms of each direction, and the integration keys. The
/// transforms are straight-line assignments: no reflection, no dictionaries, no boxing.
/// </summary>
internal static class MapEmitter
{
    public static string HintName(MapModel map) => $"{map.Namespace}.{map.ClassName}.g.cs";

    public static string Emit(MapModel map)
    {
        var fo = map.Fo.QualifiedName(map.Namespace);
        var dataverse = map.Dataverse.QualifiedName(map.Namespace);
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.OpenBlock("namespace " + map.Namespace);
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Map <c>{map.Name}</c>: F&amp;O <c>{Xml.Escape(map.Fo.EntitySet)}</c> {Xml.Escape(Arrow(map.Direction))} Dataverse <c>{Xml.Escape(map.Dataverse.EntitySet)}</c>, {(map.Company == CompanyScope.Striped ? "company-striped" : "global")}.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
        writer.OpenBlock("public static partial class " + map.ClassName);
        WriteConstants(writer, map);
        WriteFilters(writer, map, fo, dataverse);
        if (map.FlowsToDataverse)
        {
            WriteTransform(writer, map, Side.Dataverse, fo, dataverse);
        }

        if (map.FlowsToFo)
        {
            WriteTransform(writer, map, Side.Fo, dataverse, fo);
        }

        KeyEmitter.Write(writer, map, fo, dataverse);
        writer.WriteLine();
        DefinitionEmitter.Write(writer, map, fo, dataverse);
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteConstants(SourceWriter writer, MapModel map)
    {
        writer.WriteLine("/// <summary>The map's name.</summary>");
        writer.WriteLine($"public const string Name = {CSharp.StringLiteral(map.Name)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The F&amp;O entity set (OData <c>/data/</c> collection) the map reads and writes.</summary>");
        writer.WriteLine($"public const string FoEntitySet = {CSharp.StringLiteral(map.Fo.EntitySet)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The Dataverse entity set (Web API collection) the map reads and writes.</summary>");
        writer.WriteLine($"public const string DataverseEntitySet = {CSharp.StringLiteral(map.Dataverse.EntitySet)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The F&amp;O filter as OData <c>$filter</c> text for reading F&amp;O, or null when the map has no F&amp;O filter.</summary>");
        writer.WriteLine($"public const string? FoODataFilter = {(map.FoFilter?.ODataFilter is { } odata ? CSharp.StringLiteral(odata) : "null")};");
        writer.WriteLine();
    }

    private static void WriteFilters(SourceWriter writer, MapModel map, string fo, string dataverse)
    {
        WriteFilter(writer, "MatchesFoFilter", fo, map.FoFilter, "an F&amp;O", "F&amp;O");
        WriteFilter(writer, "MatchesDataverseFilter", dataverse, map.DataverseFilter, "a Dataverse", "Dataverse");
    }

    private static void WriteFilter(SourceWriter writer, string name, string type, FilterModel? filter, string record, string side)
    {
        writer.WriteLine(filter is null
            ? $"/// <summary>Whether {record} record syncs: always, since the map has no {side} filter.</summary>"
            : $"/// <summary>Whether {record} record syncs: <c>{Xml.Escape(filter.Source)}</c>.</summary>");
        writer.WriteLine($"public static bool {name}({type} entity) => {filter?.CSharpPredicate ?? "true"};");
        writer.WriteLine();
    }

    private static void WriteTransform(SourceWriter writer, MapModel map, Side towards, string sourceType, string targetType)
    {
        var (name, summary) = towards == Side.Dataverse
            ? ("ToDataverse", "Copies the fields that flow from F&amp;O to Dataverse onto <paramref name=\"target\"/>.")
            : ("ToFo", "Copies the fields that flow from Dataverse to F&amp;O onto <paramref name=\"target\"/>.");
        var dataverseNamespace = map.Namespace + ".Dataverse";
        writer.WriteLine($"/// <summary>{summary}</summary>");
        writer.OpenBlock($"public static void {name}({sourceType} source, {targetType} target)");
        if (map.Company == CompanyScope.Striped)
        {
            var foCompany = map.FoKey[0].Path;
            var dataverseCompany = map.DataverseKey[0].Path;
            var (from, to) = towards == Side.Dataverse ? (foCompany, dataverseCompany) : (dataverseCompany, foCompany);
            PathExpressions.WriteAssignment(writer, "target", to, PathExpressions.Read("source", from), dataverseNamespace);
        }

        foreach (var field in map.Fields)
        {
            var conversion = towards == Side.Dataverse ? field.ToDataverse : field.ToFo;
            if (conversion is null)
            {
                continue;
            }

            var (sourcePath, targetPath) = towards == Side.Dataverse ? (field.FoPath, field.DataversePath) : (field.DataversePath, field.FoPath);
            var read = sourcePath is null ? null : PathExpressions.Read("source", sourcePath);
            if (sourcePath is { IsPolymorphic: true, PolymorphicTargets.Count: > 1 })
            {
                read = "(" + read + ")";
            }

            PathExpressions.WriteAssignment(writer, "target", targetPath!, ConversionExpressions.Convert(conversion, read, fromFo: towards == Side.Dataverse), dataverseNamespace);
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    private static string Arrow(SyncDirection direction) => direction switch
    {
        SyncDirection.Both => "<->",
        SyncDirection.ToDataverse => "->",
        _ => "<-",
    };
}
