using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Schema;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>
/// What Dataverse reports beyond <c>$metadata</c>, per map: change tracking on the tables the connector tracks
/// (<c>EntityMetadata.ChangeTrackingEnabled</c>), the index status of the alternate keys the map addresses or binds rows by
/// (<c>EntityKeyMetadata.EntityKeyIndexStatus</c>), the application user's privileges on each table it reads or writes
/// (<c>WhoAmI</c>, then <c>RetrieveUserPrivileges</c> matched to <c>EntityMetadata.Privileges</c> by id), and the
/// <c>cdm_companies</c> row of each linked legal entity.
/// </summary>
public sealed class DataversePreflight : IEnvironmentPreflight
{
    private readonly Uri _serviceRoot;
    private readonly ITokenProvider _tokens;
    private readonly IReadOnlyCollection<string>? _trackedEntitySets;
    private readonly HttpMessageHandler? _primaryHandler;

    /// <summary>Creates the checks.</summary>
    /// <param name="serviceRoot">The Web API root, <c>https://org.crm.dynamics.com/api/data/v9.2/</c>.</param>
    /// <param name="tokens">The connector's tokens.</param>
    /// <param name="trackedEntitySets">The tables whose changes the connector reads; null: every mapped table.</param>
    /// <param name="primaryHandler">The handler requests go through (tests, proxies); by default a new one.</param>
    public DataversePreflight(Uri serviceRoot, ITokenProvider tokens, IReadOnlyCollection<string>? trackedEntitySets = null, HttpMessageHandler? primaryHandler = null)
    {
        _serviceRoot = serviceRoot ?? throw new ArgumentNullException(nameof(serviceRoot));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _trackedEntitySets = trackedEntitySets;
        _primaryHandler = primaryHandler;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PreflightFinding>> CheckAsync(PreflightScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var http = new PreflightHttp(_serviceRoot, _tokens, _primaryHandler);
        var findings = new List<PreflightFinding>();
        var held = await UserPrivileges.ReadAsync(http, findings, cancellationToken).ConfigureAwait(false);
        var definitions = new Dictionary<string, DataverseTableDefinition?>(StringComparer.OrdinalIgnoreCase);
        foreach (var map in scope.Maps)
        {
            foreach (var use in MapFootprint.Of(map.Dataverse, scope.Compiled))
            {
                if (scope.Live.FindTable(use.Table.Name) is null)
                {
                    continue;
                }

                if (!definitions.TryGetValue(use.Table.Name, out var definition))
                {
                    definition = await ReadDefinitionAsync(http, use.Table, findings, cancellationToken).ConfigureAwait(false);
                    definitions[use.Table.Name] = definition;
                }

                if (definition is null)
                {
                    continue;
                }

                var check = new TableCheck(map, use, definition, findings);
                if (!use.LookedUp && (_trackedEntitySets?.Contains(use.Table.Name, StringComparer.OrdinalIgnoreCase) ?? true))
                {
                    check.ChangeTracking();
                }

                check.KeyIndexes();
                if (held is not null)
                {
                    check.Privileges(held);
                }
            }
        }

        await CheckCompaniesAsync(http, scope, findings, cancellationToken).ConfigureAwait(false);

        // A map with two lookups to one table meets that table twice.
        return findings.Distinct().ToList();
    }

    private static async Task<DataverseTableDefinition?> ReadDefinitionAsync(PreflightHttp http, TableSchema table, List<PreflightFinding> findings, CancellationToken cancellationToken)
    {
        var logicalName = DataverseTableDefinition.LogicalNameOf(table.EntityType);
        var answer = await http.GetAsync(DataverseTableDefinition.Query(logicalName), cancellationToken).ConfigureAwait(false);
        if (answer.Body is { } json)
        {
            return DataverseTableDefinition.Read(json);
        }

        findings.Add(new PreflightFinding(null, Side.Dataverse, table.Name, null, null, null, PreflightSeverity.Warning,
            $"The definition of table {logicalName} could not be read ({answer.Reason}); its change tracking, key indexes and privileges are not checked.",
            "Give the application user read access to table definitions (any security role grants it), then run the check again."));
        return null;
    }

    private static async Task CheckCompaniesAsync(PreflightHttp http, PreflightScope scope, List<PreflightFinding> findings, CancellationToken cancellationToken)
    {
        var striped = LinkedCompanies.StripedMaps(scope);
        // Before the link there is nothing to find: linking creates the missing rows.
        if (!scope.Companies.Linked || scope.Companies.Codes.Count == 0 || striped.Count == 0 || scope.Live.FindTable(DataverseCompany.Table) is null)
        {
            return;
        }

        await LinkedCompanies.CheckAsync(http, scope, striped, CompanyRows, findings, cancellationToken).ConfigureAwait(false);
    }

    private static readonly LinkedCompanies.CompanyCheck CompanyRows = new(
        Side.Dataverse,
        DataverseCompany.Table,
        DataverseCompany.CodeColumn,
        reason => $"The company table could not be read ({reason}); the linked legal entities are not checked.",
        $"Give the application user Read on {DataverseCompany.Table}, which every company-specific write binds to.",
        company => $"The linked legal entity {company} has no {DataverseCompany.Table} row: the map's rows of {company} cannot bind their company.",
        company => $"Create the {DataverseCompany.Table} row with {DataverseCompany.CodeColumn} {company} (relinking creates it: dualwrite relink), or unlink the legal entity.");
}
