using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Generator.Syntax;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>
/// Converts dual-write's map JSON into .dwmap source, one map per entity mapping task. Names are written as the JSON
/// spells them: F&amp;O names match the schema ignoring case, as in dual-write. Whatever the JSON does not say in a
/// way the compiler accepts is an <see cref="ImportDecision"/>, written beside the line it concerns.
/// </summary>
public sealed class MapImporter
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly FoSchema _foSchema;

    public MapImporter(FoSchema? foSchema = null) => _foSchema = foSchema ?? FoSchema.None;

    /// <summary>The maps of every project, in task order, named uniquely across all of them.</summary>
    public IReadOnlyList<ImportedMap> Import(IEnumerable<MapProject> projects, string? @namespace) =>
        projects.SelectMany(p => p.EntityMappingTasks.OrderBy(t => t.Order).Select(t => Import(p, t, @namespace))).ToList();

    private ImportedMap Import(MapProject project, EntityMappingTask task, string? @namespace)
    {
        var decisions = new List<ImportDecision>();
        var name = UniqueName(DwmapText.ToIdentifier(task.Name));
        var leg = task.Legs.FirstOrDefault() ?? new MapLeg();
        var text = new StringBuilder();
        // The task's name is in the report, not here, so that importing an exported map gives the same text.
        text.Append("// imported by dualwrite import\n");
        if (!string.IsNullOrWhiteSpace(@namespace))
        {
            text.Append("namespace ").Append(@namespace).Append("\n\n");
        }

        if (task.Legs.Count != 1 || !DwmapText.IsIdentifier(leg.SourceSchema) || !DwmapText.IsIdentifier(leg.DestinationSchema))
        {
            decisions.Add(new ImportDecision(DecisionKind.RowNotImported,
                $"the task has {task.Legs.Count} leg(s) and the first pairs '{leg.SourceSchema}' with '{leg.DestinationSchema}'; a map pairs one F&O entity with one Dataverse entity set, so nothing was imported",
                NeedsHuman: true));
            text.Append("// import: not imported, see the report\n");
            return new ImportedMap(name, task.Name, text.ToString(), decisions);
        }

        var rows = new FieldRows(name, leg.SourceSchema, _foSchema, decisions);
        foreach (var mapping in leg.FieldMappings)
        {
            rows.Add(mapping);
        }

        var body = new StringBuilder();
        WriteKey(body, IntegrationKey.Resolve(project, leg, decisions));
        WriteFoFilter(body, leg.SourceFilter, decisions);
        WriteDataverseFilter(body, leg.ReversedSourceFilter, decisions);
        body.Append('\n');
        foreach (var row in rows.Rows)
        {
            body.Append("  ").Append(row.Kept ? FieldLine(row) : row.Comment).Append('\n');
        }

        text.Append("map ").Append(name).Append(" : fo ").Append(leg.SourceSchema).Append(' ')
            .Append(FieldRows.Arrow(MapDirection(rows.Rows))).Append(" dataverse ").Append(leg.DestinationSchema).Append(" {\n")
            .Append(body).Append("}\n");
        foreach (var valueMap in rows.ValueMaps)
        {
            text.Append('\n').Append(valueMap);
        }

        return new ImportedMap(name, task.Name, text.ToString(), decisions);
    }

    private string UniqueName(string name)
    {
        var unique = name;
        for (var suffix = 2; !_names.Add(unique); suffix++)
        {
            unique = name + suffix;
        }

        return unique;
    }

    /// <summary>Both ways when rows flow both ways (or there are none), else the one way they all flow.</summary>
    private static Generator.Syntax.SyncDirection MapDirection(IEnumerable<FieldRow> rows)
    {
        var directions = rows.Where(r => r.Kept).Select(r => r.Direction).Distinct().ToList();
        return directions.Count == 1 ? directions[0] : Generator.Syntax.SyncDirection.Both;
    }

    private static string FieldLine(FieldRow row)
    {
        var line = new StringBuilder();
        line.Append(row.Fo ?? "none").Append(' ').Append(FieldRows.Arrow(row.Direction)).Append(' ').Append(row.Dataverse ?? "none");
        if (row.Default is not null)
        {
            line.Append(" default ").Append(row.Default);
        }

        if (row.ValueMap is not null)
        {
            line.Append(" via ").Append(row.ValueMap);
        }

        return line.ToString();
    }

    /// <summary>
    /// <c>company striped</c> when dual-write's key holds the company, so that the map states what dual-write does
    /// and the compiler checks it against the schemas (DW0010) rather than inferring it; then the key less the company.
    /// </summary>
    private static void WriteKey(StringBuilder body, ResolvedKey key)
    {
        if (key.Striped)
        {
            body.Append("  company striped\n");
        }

        if (key.Pairs.Count > 0)
        {
            body.Append("  key ").Append(string.Join(", ", key.Pairs.Select(p => p.Fo + " <-> " + p.Dataverse))).Append('\n');
        }
    }

    private static void WriteFoFilter(StringBuilder body, string? filter, List<ImportDecision> decisions)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return;
        }

        var notes = new List<string>();
        var rewritten = XppFilterRewriter.Rewrite(filter, notes);
        var raw = rewritten is null ? null : DwmapText.RawFilter(rewritten);
        if (raw is null)
        {
            decisions.Add(new ImportDecision(DecisionKind.FilterNotImported,
                "F&O filter left out: " + (notes.Count > 0 ? string.Join("; ", notes) : "it holds a backtick"), NeedsHuman: true));
            body.Append("  // import: F&O filter left out, dual-write's was: ").Append(OneLine(filter)).Append('\n');
            return;
        }

        if (notes.Count > 0)
        {
            decisions.Add(new ImportDecision(DecisionKind.FilterRewritten, "F&O filter: " + string.Join("; ", notes), NeedsHuman: false));
            body.Append("  // import: F&O filter rewritten, dual-write's was: ").Append(OneLine(filter)).Append('\n');
        }

        body.Append("  filter fo ").Append(raw).Append('\n');
    }

    private static void WriteDataverseFilter(StringBuilder body, string? filter, List<ImportDecision> decisions)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return;
        }

        if (DwmapText.RawFilter(filter.Trim()) is { } raw)
        {
            body.Append("  filter dataverse ").Append(raw).Append('\n');
            return;
        }

        decisions.Add(new ImportDecision(DecisionKind.FilterNotImported, "Dataverse filter left out: it holds a backtick", NeedsHuman: true));
        body.Append("  // import: Dataverse filter left out, dual-write's was: ").Append(OneLine(filter)).Append('\n');
    }

    private static string OneLine(string text) => text.Trim().Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
