using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Tests.Import;

/// <summary>
/// Dual-write's documented out-of-box maps (TestData/dualwrite/mapping-tables.md) as the map JSON dual-write stores:
/// one project per section. The page names no F&amp;O entity and no key, so each map's F&amp;O entity is named after the
/// section's title and its integration key is the first plain column copied both ways as it is (else any way, else through a value map).
/// </summary>
public static partial class MappingTables
{
    public static string PagePath => Path.Combine(RepoPaths.Root, "tests", "DualWrite.Cli.Tests", "TestData", "dualwrite", "mapping-tables.md");

    public static IReadOnlyList<MapProject> Projects()
    {
        var lines = File.ReadAllLines(PagePath);
        var projects = new List<MapProject>();
        var foNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Length; i++)
        {
            if (Heading().Match(lines[i]) is not { Success: true } heading)
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("### ", StringComparison.Ordinal));
            projects.Add(Section(heading.Groups["title"].Value.Trim(), heading.Groups["set"].Value, lines[(i + 1)..(end < 0 ? lines.Length : end)], foNames));
        }

        return projects;
    }

    private static MapProject Section(string title, string entitySet, string[] lines, HashSet<string> foNames)
    {
        var foEntity = Commands.Import.Conversion.DwmapText.ToIdentifier(title);
        for (var suffix = 2; !foNames.Add(foEntity); suffix++)
        {
            foEntity = Commands.Import.Conversion.DwmapText.ToIdentifier(title) + suffix;
        }

        var rows = lines.Where(l => l.Count(c => c == '|') == 3 && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("Finance and operations field", StringComparison.Ordinal))
            .Select(Row)
            .ToList();
        var key = rows.FirstOrDefault(r => IsPlainColumn(r, FieldSyncDirection.Both) && r.ValueTransforms.Count == 0)
            ?? rows.FirstOrDefault(r => IsPlainColumn(r, r.SyncDirection) && r.ValueTransforms.Count == 0)
            ?? rows.FirstOrDefault(r => IsPlainColumn(r, r.SyncDirection));
        return new MapProject
        {
            Name = title,
            Environments = key is null
                ? []
                : [new MapEnvironment { Name = "dataverse", Schemas = [new EntitySchema { Name = entitySet, Keys = [new EntityKey { Fields = [key.DestinationField!], IsIntegrationKey = true }] }] }],
            EntityMappingTasks =
            [
                new EntityMappingTask
                {
                    Name = title,
                    Legs =
                    [
                        new MapLeg
                        {
                            SourceSchema = foEntity,
                            DestinationSchema = entitySet,
                            SourceFilter = Filter(lines, "Source filter:"),
                            ReversedSourceFilter = Filter(lines, "Reversed source filter:"),
                            FieldMappings = rows,
                        },
                    ],
                },
            ],
        };
    }

    /// <summary>A row between an F&amp;O field and a Dataverse column (not a lookup path): the map language keys by columns only.</summary>
    private static bool IsPlainColumn(JsonFieldMapping row, FieldSyncDirection direction) =>
        row.SyncDirection == direction
        && !string.Equals(row.SourceField, "none", StringComparison.OrdinalIgnoreCase)
        && row.SourceField is not null
        && row.DestinationField is { } column
        && !string.Equals(column, "none", StringComparison.OrdinalIgnoreCase)
        && !column.Contains('.', StringComparison.Ordinal);

    /// <summary>A filter on its line, or (for versioned maps) the first version's, listed below it.</summary>
    private static string? Filter(string[] lines, string label)
    {
        var index = Array.FindIndex(lines, l => l.StartsWith(label, StringComparison.Ordinal));
        if (index < 0)
        {
            return null;
        }

        var text = lines[index][label.Length..].Trim();
        if (text.Length == 0 && lines.Skip(index + 1).FirstOrDefault(l => l.StartsWith("- ", StringComparison.Ordinal)) is { } version)
        {
            text = version[(version.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var br = text.IndexOf("<br>", StringComparison.Ordinal);
            text = (br < 0 ? text : text[..br]).Trim();
        }

        // A version without a filter is written "None".
        return text.Length == 0 || text == "None" ? null : text;
    }

    private static JsonFieldMapping Row(string line)
    {
        var cells = line.Split('|').Select(c => c.Trim()).ToArray();
        var parts = cells[1].Split("<br>");
        var type = parts[0];
        var transforms = new List<ValueTransform>();
        if (parts.Length > 1)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match entry in parts.Skip(1).Select(p => ValueEntry().Match(p)).Where(m => m.Success))
            {
                values.TryAdd(Value(entry.Groups["fo"].Value), Value(entry.Groups["dv"].Value));
            }

            transforms.Add(new ValueTransform { TransformType = ValueTransform.ValueMapType, ValueMap = values });
        }

        if (cells[3].Length > 0)
        {
            transforms.Add(new ValueTransform { TransformType = ValueTransform.DefaultType, DefaultValue = cells[3] });
        }

        return new JsonFieldMapping
        {
            SyncDirection = type switch
            {
                ">" or ">>" => FieldSyncDirection.ToDataverse,
                "<" or "<<" => FieldSyncDirection.ToFo,
                _ => FieldSyncDirection.Both,
            },
            SourceField = cells[0],
            DestinationField = cells[2],
            ValueTransforms = transforms,
        };
    }

    /// <summary>The page writes an empty value as a bare <c>blank</c>.</summary>
    private static string Value(string cell) => cell == "blank" ? string.Empty : cell.Trim('`');

    [GeneratedRegex(@"^###\s+<a name=""[^""]*""></a>(?<title>.*)\((?<set>[A-Za-z0-9_]+)\)\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(?<fo>`[^`]*`|blank)\s*:\s*(?<dv>`[^`]*`|blank)$")]
    private static partial Regex ValueEntry();
}
