using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Cli.Commands.Import.DualWriteJson;
using DualWrite.Schema;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>
/// The <c>key</c> pairs of an imported map: the Dataverse table's integration key (the key dual-write matches rows
/// by), each column paired with the F&amp;O field that a row of the map copies into it. The company is left out on
/// both sides, since company striping adds it: a key holding it makes the map <c>company striped</c>.
/// </summary>
public static class IntegrationKey
{
    /// <summary>How dual-write names the company in a Dataverse integration key: the code of the company lookup's row.</summary>
    public const string CompanyKeyColumn = CompanyFields.Lookup + "." + CompanyFields.CodeColumn;

    private static readonly string[] CompanyColumns = [CompanyFields.Lookup, CompanyFields.LookupValue, CompanyKeyColumn];

    public static ResolvedKey Resolve(MapProject project, MapLeg leg, List<ImportDecision> decisions)
    {
        var schema = project.Environments.SelectMany(e => e.Schemas)
            .FirstOrDefault(s => string.Equals(s.Name, leg.DestinationSchema, StringComparison.OrdinalIgnoreCase));
        var key = Choose(schema, leg.DestinationSchema, decisions);
        if (key is null)
        {
            return new ResolvedKey([], Striped: false);
        }

        var striped = key.Fields.Any(IsCompanyColumn);
        var pairs = new List<(string Fo, string Dataverse)>();
        foreach (var column in key.Fields.Where(f => !IsCompanyColumn(f)))
        {
            var row = leg.FieldMappings.FirstOrDefault(m =>
                string.Equals(m.DestinationField, column, StringComparison.Ordinal) && DwmapText.IsIdentifier(m.SourceField) && !IsNone(m.SourceField));
            if (row is null)
            {
                decisions.Add(new ImportDecision(DecisionKind.KeyNotImported,
                    $"no row copies an F&O field into key column '{column}' of '{leg.DestinationSchema}'; the key is left to the compiler, which takes the table's one alternate key matching the mapped fields", NeedsHuman: true));
                return new ResolvedKey([], striped);
            }

            pairs.Add((row.SourceField!, column));
        }

        return new ResolvedKey(pairs, striped);
    }

    public static bool IsNone(string? field) => string.IsNullOrWhiteSpace(field) || string.Equals(field.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    public static bool IsCompany(string? fo, string? dataverse) =>
        (fo is not null && CompanyFields.IsDataAreaId(fo)) || (dataverse is not null && IsCompanyColumn(dataverse));

    private static bool IsCompanyColumn(string column) => CompanyColumns.Contains(column, StringComparer.OrdinalIgnoreCase);

    private static EntityKey? Choose(EntitySchema? schema, string table, List<ImportDecision> decisions)
    {
        if (schema is null || schema.Keys.Count == 0)
        {
            return null;
        }

        var integration = schema.Keys.Where(k => k.IsIntegrationKey).ToList();
        if (integration.Count == 1)
        {
            if (schema.Keys.Count > 1)
            {
                decisions.Add(new ImportDecision(DecisionKind.SeveralKeys,
                    $"'{table}' has {schema.Keys.Count} keys; the one marked as integration key, {Describe(integration[0])}, is the map's key", NeedsHuman: false));
            }

            return integration[0];
        }

        var candidates = integration.Count > 1 ? integration : schema.Keys.ToList();
        if (candidates.Count > 1)
        {
            decisions.Add(new ImportDecision(DecisionKind.SeveralKeys,
                $"'{table}' has {candidates.Count} keys {(integration.Count > 1 ? "marked as integration key" : "and none marked as integration key")} ({string.Join(", ", candidates.Select(Describe))}); the first is the map's key: check that it is the one dual-write matches rows by",
                NeedsHuman: true));
        }

        return candidates[0];
    }

    private static string Describe(EntityKey key) => (key.Name is { Length: > 0 } name ? name + " " : string.Empty) + "(" + string.Join(", ", key.Fields) + ")";
}

/// <summary>
/// An imported map's key: the pairs of its <c>key</c> (empty when the key is left to the compiler) and whether
/// dual-write's integration key holds the company, which makes the map company-striped.
/// </summary>
public sealed record ResolvedKey(IReadOnlyList<(string Fo, string Dataverse)> Pairs, bool Striped);
