using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>
/// Writes maps that compile as dual-write map JSON, one project per map. The rows, filters and value maps are the
/// map's text; the integration key is the compiled map's (<see cref="MapModel"/>), so a key or company scope the
/// compiler inferred is written as dual-write needs it. What dual-write's map cannot hold (a <c>via</c> method, an
/// <c>else</c> entry, two Dataverse values for one F&amp;O value) is reported as lost; settings that dual-write keeps
/// outside the map (conflict, deletes, order) are reported as notes.
/// </summary>
internal static class MapExporter
{
    public static IReadOnlyList<ExportedMap> Export(IReadOnlyList<DwmapFile> files, IReadOnlyList<MapModel> compiled)
    {
        var valueMaps = files.SelectMany(f => f.Declarations.OfType<ValueMapDeclaration>())
            .GroupBy(v => v.Name.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var models = compiled.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return files.SelectMany(f => f.Declarations.OfType<MapDeclaration>())
            .Where(m => m.FoUserType is null && m.DataverseUserType is null)
            .Select((map, index) => Export(
                map,
                models.TryGetValue(map.Name.Text, out var model) ? model : throw new InvalidOperationException($"Map '{map.Name.Text}' compiled without error but has no compiled model."),
                index,
                valueMaps))
            .ToList();
    }

    private static ExportedMap Export(MapDeclaration map, MapModel model, int order, IReadOnlyDictionary<string, ValueMapDeclaration> valueMaps)
    {
        var notes = new List<string>();
        var lost = new List<string>();
        var fields = map.Items.OfType<FieldItem>().Select(f => Field(f, valueMaps, lost)).ToList();
        foreach (var item in map.Items.Where(i => i is ConflictItem or DeletesItem or AfterItem))
        {
            notes.Add($"{item.GetType().Name.Replace("Item", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}: dual-write sets it for the connection, not in the map");
        }

        var foFilter = map.Items.OfType<FilterItem>().FirstOrDefault(f => f.Side == Generator.Syntax.Side.Fo)?.Text;
        var dataverseFilter = map.Items.OfType<FilterItem>().FirstOrDefault(f => f.Side == Generator.Syntax.Side.Dataverse)?.Text;
        var project = new MapProject
        {
            Name = map.Name.Text,
            Environments =
            [
                Environment("fo", map.FoEntitySet.Text, model.FoKey.Select(KeyField)),
                // Dual-write lists the company after the table's own key columns (as its documentation's integration keys do).
                Environment("dataverse", map.DataverseEntitySet.Text, model.DataverseKey.Select(KeyField).OrderBy(f => f == IntegrationKey.CompanyKeyColumn)),
            ],
            EntityMappingTasks =
            [
                new EntityMappingTask
                {
                    Name = map.Name.Text,
                    Order = order,
                    Legs =
                    [
                        new MapLeg
                        {
                            SourceSchema = map.FoEntitySet.Text,
                            DestinationSchema = map.DataverseEntitySet.Text,
                            SourceFilter = foFilter,
                            ReversedSourceFilter = dataverseFilter,
                            FieldMappings = fields,
                        },
                    ],
                },
            ],
        };
        return new ExportedMap(map.Name.Text, project, notes, lost);
    }

    /// <summary>
    /// A key member as dual-write names it: the field or column, or for the company of a striped map F&amp;O's
    /// <c>dataAreaId</c> and Dataverse's <c>msdyn_company.cdm_companycode</c>, the path the compiled key reads it through.
    /// </summary>
    private static string KeyField(KeyMemberModel member) => string.Join(".", member.Path.Segments.Select(s => s.Property));

    private static MapEnvironment Environment(string name, string entity, IEnumerable<string> keyFields) => new()
    {
        Name = name,
        Schemas = [new EntitySchema { Name = entity, Keys = [new EntityKey { Name = "IntegrationKey", Fields = keyFields.ToList(), IsIntegrationKey = true }] }],
    };

    private static JsonFieldMapping Field(FieldItem field, IReadOnlyDictionary<string, ValueMapDeclaration> valueMaps, List<string> lost)
    {
        var row = $"{field.Fo?.Text ?? "none"} {FieldRows.Arrow(field.Direction)} {field.Dataverse?.Text ?? "none"}";
        var transforms = new List<ValueTransform>();
        foreach (var transform in field.Transforms)
        {
            switch (transform)
            {
                case DefaultTransform { Value: var value }:
                    transforms.Add(new ValueTransform { TransformType = ValueTransform.DefaultType, DefaultValue = JsonValue(value) });
                    break;
                case ViaTransform via when valueMaps.TryGetValue(via.Name.Text, out var valueMap):
                    transforms.Add(new ValueTransform { TransformType = ValueTransform.ValueMapType, ValueMap = Entries(valueMap, row, lost) });
                    break;
                case ViaTransform via:
                    lost.Add($"{row}: 'via {via.Name.Text}' is a C# method, which a dual-write map cannot run; the row copies the value as it is");
                    break;
            }
        }

        return new JsonFieldMapping
        {
            SyncDirection = FieldRows.ToSyncDirection(field.Direction),
            SourceField = field.Fo?.Text ?? "none",
            DestinationField = field.Dataverse?.Text ?? "none",
            ValueTransforms = transforms,
        };
    }

    /// <summary>F&amp;O value → Dataverse value, in the value map's order; dual-write applies it both ways by itself.</summary>
    private static Dictionary<string, string> Entries(ValueMapDeclaration valueMap, string row, List<string> lost)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in valueMap.Entries)
        {
            if (entry.Fo is null || entry.Dataverse is null)
            {
                lost.Add($"{row}: value map {valueMap.Name.Text} has an 'else' entry, which dual-write's value map cannot hold");
            }
            else if (!entries.TryAdd(JsonValue(entry.Fo), JsonValue(entry.Dataverse)))
            {
                lost.Add($"{row}: value map {valueMap.Name.Text} gives F&O value '{entry.Fo.Value}' a second Dataverse value, which dual-write's value map cannot hold");
            }
        }

        return entries;
    }

    /// <summary>A literal as dual-write writes it: every value a string, an enum value by its member's name.</summary>
    private static string JsonValue(Literal literal) => literal.EnumMember ?? literal.Value;
}

/// <summary>One map as dual-write JSON, with what dual-write keeps elsewhere (<see cref="Notes"/>) and what it cannot hold (<see cref="Lost"/>).</summary>
public sealed record ExportedMap(string Name, MapProject Project, IReadOnlyList<string> Notes, IReadOnlyList<string> Lost);
