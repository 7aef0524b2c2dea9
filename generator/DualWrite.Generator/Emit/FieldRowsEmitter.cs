using System;
using System.Linq;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Emit;

/// <summary>
/// Emits a map's field mappings as data (<c>global::DualWrite.FieldMapping</c> rows) for tools and the operations page:
/// one array, built once with the map's definition, that nothing on the sync path reads.
/// </summary>
internal static class FieldRowsEmitter
{
    private const string Row = "global::DualWrite.FieldMapping";

    /// <summary>Writes the <c>Fields</c> property: the implied company mapping of a striped map, then the declared fields.</summary>
    public static void Write(SourceWriter writer, MapModel map)
    {
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{Row}> Fields {{ get; }} = new {Row}[]");
        writer.OpenBlock();
        if (map.Company == CompanyScope.Striped)
        {
            var fo = map.FoKey[0].Path;
            var dataverse = map.DataverseKey[0].Path;
            writer.WriteLine(New(Text(fo), map.Direction, Text(dataverse), "Company", via: null, @default: null, Lookup(dataverse), isKey: true));
        }

        foreach (var field in map.Fields)
        {
            var conversion = field.ToDataverse ?? field.ToFo!;
            var isKey = IsKeyMember(field.FoPath, map.FoKey, StringComparison.OrdinalIgnoreCase) || IsKeyMember(field.DataversePath, map.DataverseKey, StringComparison.Ordinal);
            var lookup = field.DataversePath is null ? null : Lookup(field.DataversePath);
            writer.WriteLine(New(field.FoPath is null ? null : Text(field.FoPath), field.Direction, field.Notation.DataversePath, Transform(conversion.Kind), field.Notation.Via, field.Notation.Default, lookup, isKey));
        }

        writer.CloseBlock(";");
    }

    private static string New(string? fo, SyncDirection direction, string? dataverse, string transform, string? via, string? @default, string? lookup, bool isKey) =>
        $"new {Row}({Literal(fo)}, global::DualWrite.SyncDirection.{direction}, {Literal(dataverse)}, global::DualWrite.FieldTransform.{transform}, {Literal(via)}, {Literal(@default)}, {Literal(lookup)}, {(isKey ? "true" : "false")}),";

    private static string Transform(ConversionKind kind) => kind switch
    {
        ConversionKind.ValueMap => "ValueMap",
        ConversionKind.Method => "Method",
        ConversionKind.Constant => "Constant",
        _ => "Copy",
    };

    private static string Literal(string? value) => value is null ? "null" : CSharp.StringLiteral(value);

    private static string Text(ValuePath path) => string.Join(".", path.Segments.Select(s => s.Property));

    /// <summary>The lookups a path goes through: all but its column, or a polymorphic lookup itself.</summary>
    private static string? Lookup(ValuePath path) => path.IsPolymorphic
        ? path.Segments[0].Property
        : path.Segments.Count > 1 ? string.Join(".", path.Segments.Take(path.Segments.Count - 1).Select(s => s.Property)) : null;

    private static bool IsKeyMember(ValuePath? path, EquatableArray<KeyMemberModel> key, StringComparison comparison) =>
        path is not null && !path.IsPolymorphic && key.Any(member => string.Equals(Text(member.Path), Text(path), comparison));
}
