using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Preflight;

namespace DualWrite.Runtime.OData.Preflight;

/// <summary>
/// The linked legal entities a service's company entity set lacks, for the company-specific maps: F&amp;O's legal
/// entities and Dataverse's company rows are checked the same way, each side naming its set, column and words.
/// </summary>
internal static class LinkedCompanies
{
    /// <summary>The maps striped by company: the only ones a missing legal entity breaks.</summary>
    public static List<IDualWriteMap> StripedMaps(PreflightScope scope) =>
        scope.Maps.Where(m => m.Company == CompanyScope.Striped).ToList();

    /// <summary>
    /// Reads the code column of <paramref name="check"/>'s entity set and adds a breaking finding per striped map for
    /// each linked company it does not hold (codes compared ignoring case, as both services do), or one warning with
    /// the reason when the set cannot be read.
    /// </summary>
    public static async Task CheckAsync(
        PreflightHttp http,
        PreflightScope scope,
        IReadOnlyList<IDualWriteMap> striped,
        CompanyCheck check,
        List<PreflightFinding> findings,
        CancellationToken cancellationToken)
    {
        var (rows, reason) = await http.GetAllAsync($"{check.EntitySet}?$select={check.CodeColumn}", cancellationToken).ConfigureAwait(false);
        if (rows is null)
        {
            findings.Add(new PreflightFinding(null, check.Side, check.EntitySet, null, null, null, PreflightSeverity.Warning,
                check.Unreadable(reason), check.UnreadableFix));
            return;
        }

        var present = rows
            .Select(r => r.TryGetProperty(check.CodeColumn, out var code) ? code.GetString() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var company in scope.Companies.Codes.Where(c => !present.Contains(c)))
        {
            foreach (var map in striped)
            {
                findings.Add(new PreflightFinding(map.Name, check.Side, check.EntitySet, check.CodeColumn, company, null, PreflightSeverity.Breaking,
                    check.Missing(company), check.MissingFix(company)));
            }
        }
    }

    /// <summary>One side's company set and what its findings say.</summary>
    /// <param name="Side">The side.</param>
    /// <param name="EntitySet">The entity set that holds one row per legal entity.</param>
    /// <param name="CodeColumn">Its column holding the legal entity's code.</param>
    /// <param name="Unreadable">The warning when the set cannot be read, given the reason.</param>
    /// <param name="UnreadableFix">The fix for that.</param>
    /// <param name="Missing">The finding for a company the set lacks.</param>
    /// <param name="MissingFix">The fix for that.</param>
    internal sealed record CompanyCheck(
        Side Side,
        string EntitySet,
        string CodeColumn,
        Func<string?, string> Unreadable,
        string UnreadableFix,
        Func<string, string> Missing,
        Func<string, string> MissingFix);
}
