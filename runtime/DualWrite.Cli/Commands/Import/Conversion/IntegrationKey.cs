using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Commands.Import.Conversion;

/// <summary>
/// The <c>key</c> pairs of an imported map: the Dataverse table's integration key (the key dual-write matches rows
/// by), each column paired with the F&amp;O field that a row of the map copies into it. The company is left out on
/// both sides, since company striping adds it.
/// </summary>
public static class IntegrationKey
{
    private static readonly string[] CompanyColumns = ["msdyn_company", "_msdyn_company_value", "msdyn_company.cdm_companycode"];

    public static IReadOnlyList<(string Fo, string Dataverse)> Resolve(MapProject project, MapLeg leg, List<ImportDecision> decisions)
    {
        var schema = project.Environments.SelectMany(e => e.Schemas)
            .FirstOrDefault(s => string.Equals(s.Name, leg.DestinationSchema, StringComparison.OrdinalIgnoreCase));
        var key = Choose(schema, leg.DestinationSchema, decisions);
        if (key is null)
        {
            return [];
        }

        var pairs = new List<(string Fo, string Dataverse)>();
        foreach (var column in key.Fields.Where(f => !CompanyColumns.Contains(f, StringComparer.OrdinalIgnoreCase)))
        {
            var row = leg.FieldMappings.FirstOrDefault(m =>
                string.Equals(m.DestinationField, column, StringComparison.Ordinal) && DwmapText.IsIdentifier(m.SourceField) && !IsNone(m.SourceField));
            if (row is null)
            {
                decisions.Add(new ImportDecision(DecisionKind.KeyNotImported,
                    $"no row copies an F&O field into key column '{column}' of '{leg.DestinationSchema}'; the key is left to the compiler, which takes the table's one alternate key matching the mapped fields", NeedsHuman: true));
                return [];
            }

            pairs.Add((row.SourceField!, column));
        }

        return pairs;
    }

    public static bool IsNone(string? field) => string.IsNullOrWhiteSpace(field) || string.Equals(field.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    public static bool IsCompany(string? fo, string? dataverse) =>
        string.Equals(fo, "dataAreaId", StringComparison.OrdinalIgnoreCase) || CompanyColumns.Contains(dataverse ?? string.Empty, StringComparer.OrdinalIgnoreCase);

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
