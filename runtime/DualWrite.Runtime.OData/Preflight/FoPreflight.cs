using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>
/// What F&amp;O reports beyond <c>$metadata</c>, per map: each entity answers a read (the application user's security
/// roles reach it), the modified-time field the connector polls is on the live entity, and the linked legal entities
/// exist (the <c>LegalEntities</c> entity).
/// </summary>
public sealed class FoPreflight : IEnvironmentPreflight
{
    private const string LegalEntitySet = "LegalEntities";
    private const string LegalEntityId = "LegalEntityId";

    private readonly Uri _serviceRoot;
    private readonly ITokenProvider _tokens;
    private readonly IReadOnlyDictionary<string, string>? _modifiedFields;
    private readonly HttpMessageHandler? _primaryHandler;

    /// <summary>Creates the checks.</summary>
    /// <param name="serviceRoot">The OData root, <c>https://host.operations.dynamics.com/data/</c>.</param>
    /// <param name="tokens">The connector's tokens.</param>
    /// <param name="modifiedFields">The field polled per entity set (<see cref="Fo.FoConnectorOptions.ModifiedFields"/>); null: not checked.</param>
    /// <param name="primaryHandler">The handler requests go through (tests, proxies); by default a new one.</param>
    public FoPreflight(Uri serviceRoot, ITokenProvider tokens, IReadOnlyDictionary<string, string>? modifiedFields = null, HttpMessageHandler? primaryHandler = null)
    {
        _serviceRoot = serviceRoot ?? throw new ArgumentNullException(nameof(serviceRoot));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _modifiedFields = modifiedFields is null ? null : new Dictionary<string, string>(modifiedFields, StringComparer.OrdinalIgnoreCase);
        _primaryHandler = primaryHandler;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PreflightFinding>> CheckAsync(PreflightScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var http = new PreflightHttp(_serviceRoot, _tokens, _primaryHandler);
        var findings = new List<PreflightFinding>();
        var refusals = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var map in scope.Maps)
        {
            if (MapFootprint.Of(map.Fo, scope.Compiled) is not [var own, ..] || scope.Live.FindTable(own.Table.Name) is not { } live)
            {
                continue;
            }

            var set = own.Table.Name;
            if (!refusals.TryGetValue(set, out var refusal))
            {
                refusal = (await http.GetAsync($"{set}?$top=1&cross-company=true&$select={string.Join(",", own.Table.PrimaryKey)}", cancellationToken).ConfigureAwait(false)).Reason;
                refusals[set] = refusal;
            }

            if (refusal is not null)
            {
                findings.Add(new PreflightFinding(map.Name, Side.Fo, set, null, "readable", refusal, PreflightSeverity.Breaking,
                    $"The entity {set} does not answer a read: {refusal}",
                    $"Give the F&O application user (System administration > Microsoft Entra applications) a security role that reaches the entity {set}, and check that the entity is public."));
            }

            if (_modifiedFields is not null && map.Direction is SyncDirection.Both or SyncDirection.ToDataverse)
            {
                CheckModifiedField(map, set, live, findings);
            }
        }

        await CheckLegalEntitiesAsync(http, scope, findings, cancellationToken).ConfigureAwait(false);
        return findings;
    }

    private void CheckModifiedField(IDualWriteMap map, string set, Environments.Schema.TableSchema live, List<PreflightFinding> findings)
    {
        if (!_modifiedFields!.TryGetValue(set, out var field))
        {
            findings.Add(new PreflightFinding(map.Name, Side.Fo, set, null, null, null, PreflightSeverity.Info,
                $"No modified-time field is polled on {set}: F&O edits reach the map only through the runtime's API (Save).",
                $"Set FoConnectorOptions.ModifiedFields[\"{set}\"] to the entity's modified-time field if F&O users edit these rows."));
            return;
        }

        var column = live.FindColumn(field);
        if (column is null || column.EdmType != "Edm.DateTimeOffset")
        {
            findings.Add(new PreflightFinding(map.Name, Side.Fo, set, field, "Edm.DateTimeOffset", column?.EdmType, PreflightSeverity.Breaking,
                column is null
                    ? $"The field {field} the connector polls for changes of {set} is not on the live entity: the poll is refused and F&O edits are not seen."
                    : $"The field {field} the connector polls for changes of {set} is {column.EdmType}, not a time: the poll cannot compare it.",
                $"Add the modified-time field back to the entity (a field over the table's ModifiedDateTime), or point FoConnectorOptions.ModifiedFields[\"{set}\"] at a field the entity has."));
        }
    }

    private static async Task CheckLegalEntitiesAsync(PreflightHttp http, PreflightScope scope, List<PreflightFinding> findings, CancellationToken cancellationToken)
    {
        var striped = LinkedCompanies.StripedMaps(scope);
        if (scope.Companies.Codes.Count == 0 || striped.Count == 0)
        {
            return;
        }

        await LinkedCompanies.CheckAsync(http, scope, striped, LegalEntities, findings, cancellationToken).ConfigureAwait(false);
    }

    private static readonly LinkedCompanies.CompanyCheck LegalEntities = new(
        Side.Fo,
        LegalEntitySet,
        LegalEntityId,
        reason => $"The legal entities could not be read ({reason}); the linked companies are not checked.",
        $"Give the F&O application user read access to the {LegalEntitySet} entity.",
        company => $"The linked legal entity {company} does not exist in F&O: the map's rows of {company} cannot be written there.",
        company => $"Create the legal entity {company} in F&O (Organization administration > Legal entities), or take it out of the linked companies (DualWrite:Companies, dualwrite relink).");
}
