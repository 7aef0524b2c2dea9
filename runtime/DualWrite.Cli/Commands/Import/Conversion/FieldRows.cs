using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Generator.Syntax;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>A field mapping as it will be written: a line of the map, or a comment when it could not be kept.</summary>
internal sealed record FieldRow(string? Fo, Generator.Syntax.SyncDirection Direction, string? Dataverse, string? Default, string? ValueMap, string? Comment, bool Kept);

/// <summary>
/// Turns a leg's rows into field lines and value maps. A field is the target of at most one row per direction
/// (DSL.md §4): a later row that writes it again loses that direction, and is commented out when none is left.
/// </summary>
internal sealed class FieldRows
{
    private readonly string _mapName;
    private readonly string _foEntity;
    private readonly FoSchema _foSchema;
    private readonly List<ImportDecision> _decisions;
    private readonly HashSet<string> _dataverseTargets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _foTargets = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _valueMapNames = new(StringComparer.Ordinal);

    public FieldRows(string mapName, string foEntity, FoSchema foSchema, List<ImportDecision> decisions)
    {
        _mapName = mapName;
        _foEntity = foEntity;
        _foSchema = foSchema;
        _decisions = decisions;
    }

    public List<FieldRow> Rows { get; } = [];

    /// <summary>The value maps the rows use, as .dwmap declarations.</summary>
    public List<string> ValueMaps { get; } = [];

    public void Add(JsonFieldMapping mapping)
    {
        var fo = IntegrationKey.IsNone(mapping.SourceField) ? null : mapping.SourceField!.Trim();
        var dataverse = IntegrationKey.IsNone(mapping.DestinationField) ? null : mapping.DestinationField!.Trim();
        var original = $"{fo ?? "none"} {Arrow(ToDirection(mapping.SyncDirection))} {dataverse ?? "none"}";
        if (IntegrationKey.IsCompany(fo, dataverse))
        {
            Skip(original, "the company is mapped by company striping (DSL.md §4 \"Company\"), not by a row", needsHuman: false);
            return;
        }

        if (fo is null && dataverse is null)
        {
            Skip(original, "the row names no field on either side", needsHuman: true);
            return;
        }

        if ((fo is not null && !DwmapText.IsIdentifier(fo)) || (dataverse is not null && !DwmapText.IsDataversePath(dataverse)))
        {
            Skip(original, "a name is not an identifier (or a Dataverse path) the map language can hold", needsHuman: true);
            return;
        }

        var direction = Deduplicate(fo, ToDirection(mapping.SyncDirection), dataverse, original);
        if (direction is null)
        {
            return;
        }

        string? defaultValue = null;
        string? valueMap = null;
        foreach (var transform in mapping.ValueTransforms)
        {
            if (string.Equals(transform.TransformType, ValueTransform.DefaultType, StringComparison.OrdinalIgnoreCase) && transform.DefaultValue is not null)
            {
                defaultValue = direction == Generator.Syntax.SyncDirection.ToFo && fo is not null ? _foSchema.Literal(_foEntity, fo, transform.DefaultValue) : DwmapText.Literal(transform.DefaultValue);
            }
            else if (string.Equals(transform.TransformType, ValueTransform.ValueMapType, StringComparison.OrdinalIgnoreCase) && transform.ValueMap is { Count: > 0 } values)
            {
                valueMap = AddValueMap(fo, dataverse, direction.Value, values);
            }
            else if (!string.Equals(transform.TransformType, ValueTransform.ValueMapType, StringComparison.OrdinalIgnoreCase)
                     && !string.Equals(transform.TransformType, ValueTransform.DefaultType, StringComparison.OrdinalIgnoreCase))
            {
                _decisions.Add(new ImportDecision(DecisionKind.UnknownTransform,
                    $"row {original}: transform '{transform.TransformType}' is neither ValueMap nor Default; it is left out, so the value is copied as it is: write a value map or a 'via' method for it",
                    NeedsHuman: true));
            }
        }

        Rows.Add(new FieldRow(fo, direction.Value, dataverse, defaultValue, valueMap, null, Kept: true));
    }

    public static string Arrow(Generator.Syntax.SyncDirection direction) => direction switch
    {
        Generator.Syntax.SyncDirection.Both => "<->",
        Generator.Syntax.SyncDirection.ToDataverse => "->",
        _ => "<-",
    };

    public static Generator.Syntax.SyncDirection ToDirection(FieldSyncDirection direction) => direction switch
    {
        FieldSyncDirection.ToDataverse => Generator.Syntax.SyncDirection.ToDataverse,
        FieldSyncDirection.ToFo => Generator.Syntax.SyncDirection.ToFo,
        _ => Generator.Syntax.SyncDirection.Both,
    };

    public static FieldSyncDirection ToSyncDirection(Generator.Syntax.SyncDirection direction) => direction switch
    {
        Generator.Syntax.SyncDirection.ToDataverse => FieldSyncDirection.ToDataverse,
        Generator.Syntax.SyncDirection.ToFo => FieldSyncDirection.ToFo,
        _ => FieldSyncDirection.Both,
    };

    /// <summary>The row's direction less what earlier rows already write; null when nothing is left.</summary>
    private Generator.Syntax.SyncDirection? Deduplicate(string? fo, Generator.Syntax.SyncDirection direction, string? dataverse, string original)
    {
        var toDataverse = direction != Generator.Syntax.SyncDirection.ToFo && dataverse is not null;
        var toFo = direction != Generator.Syntax.SyncDirection.ToDataverse && fo is not null;
        var dataverseTaken = toDataverse && !_dataverseTargets.Add(dataverse!);
        var foTaken = toFo && !_foTargets.Add(fo!);
        if (!dataverseTaken && !foTaken)
        {
            return direction;
        }

        var keepsDataverse = toDataverse && !dataverseTaken;
        var keepsFo = toFo && !foTaken;
        var taken = dataverseTaken ? $"'{dataverse}' towards Dataverse" : $"'{fo}' towards F&O";
        if (!keepsDataverse && !keepsFo)
        {
            Skip(original, $"an earlier row already writes {taken}; dual-write lets the last row win, this compiler takes one row per target", needsHuman: true);
            return null;
        }

        var kept = keepsDataverse ? Generator.Syntax.SyncDirection.ToDataverse : Generator.Syntax.SyncDirection.ToFo;
        _decisions.Add(new ImportDecision(DecisionKind.TwoRowsWriteOneField,
            $"row {original}: an earlier row already writes {taken}, so this row keeps only '{Arrow(kept)}': check which row should write it", NeedsHuman: true));
        return kept;
    }

    private string AddValueMap(string? fo, string? dataverse, Generator.Syntax.SyncDirection direction, IReadOnlyDictionary<string, string> values)
    {
        var field = fo ?? dataverse!;
        var name = _mapName + "_" + DwmapText.ToIdentifier(field.Replace('.', '_'));
        for (var suffix = 2; !_valueMapNames.Add(name); suffix++)
        {
            name = _mapName + "_" + DwmapText.ToIdentifier(field.Replace('.', '_')) + suffix;
        }

        var lines = new List<string>();
        var seenDataverse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (foValue, dataverseValue) in values)
        {
            var foLiteral = fo is null ? DwmapText.Literal(foValue) : _foSchema.Literal(_foEntity, fo, foValue);
            var dataverseLiteral = DwmapText.Literal(dataverseValue);
            var arrow = Arrow(direction);
            if (direction != Generator.Syntax.SyncDirection.ToDataverse && seenDataverse.TryGetValue(dataverseLiteral, out var first))
            {
                if (direction == Generator.Syntax.SyncDirection.ToFo)
                {
                    _decisions.Add(new ImportDecision(DecisionKind.AmbiguousReverse,
                        $"value map {name}: {foLiteral} and {first} both come from {dataverseLiteral}; towards F&O {first} is kept and {foLiteral} left out", NeedsHuman: true));
                    continue;
                }

                arrow = "->";
                _decisions.Add(new ImportDecision(DecisionKind.AmbiguousReverse,
                    $"value map {name}: {foLiteral} and {first} both become {dataverseLiteral}; back towards F&O {dataverseLiteral} becomes {first}, so {foLiteral} is written one way ('->')",
                    NeedsHuman: true));
            }
            else
            {
                seenDataverse.TryAdd(dataverseLiteral, foLiteral);
            }

            lines.Add($"  {foLiteral} {arrow} {dataverseLiteral}");
        }

        ValueMaps.Add("valuemap " + name + " {\n" + string.Join("\n", lines) + "\n}\n");
        return name;
    }

    private void Skip(string original, string reason, bool needsHuman)
    {
        _decisions.Add(new ImportDecision(DecisionKind.RowNotImported, $"row {original}: left out, {reason}", needsHuman));
        Rows.Add(new FieldRow(null, Generator.Syntax.SyncDirection.Both, null, null, null, $"// import: left out '{original}': {reason}", Kept: false));
    }
}
