using System.Linq;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

/// <summary>
/// Decides whether a map is company-striped or global (DSL.md §4 "Company") and checks that both sides agree:
/// the F&amp;O key holds <c>dataAreaId</c> exactly when the Dataverse table has the company lookup in an
/// alternate key (DW0010).
/// </summary>
internal sealed class CompanyBinder
{
    private readonly BindingContext _context;

    public CompanyBinder(BindingContext context) => _context = context;

    public CompanyScope? Bind(MapDeclaration map, BoundSide fo, BoundSide dataverse)
    {
        var items = map.Items.OfType<CompanyItem>().ToList();
        foreach (var extra in items.Skip(1))
        {
            _context.Diagnostics.Add(DiagnosticDescriptors.DuplicateName, extra.Range, "'company' is already given for this map; keep one.");
        }

        var declared = items.FirstOrDefault();
        var foStriped = fo.Schema.KeyOf(fo.Type).Any(CompanyNames.IsDataAreaId);
        var dataverseStriped = HasCompanyLookup(dataverse);
        var scope = declared?.Scope ?? (foStriped ? CompanyScope.Striped : CompanyScope.Global);
        var range = declared?.Range ?? map.Name.Range;

        if (scope == CompanyScope.Striped)
        {
            if (!foStriped)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.CompanyScopeMismatch, declared?.Range ?? map.FoEntitySet.Range,
                    $"F&O entity '{fo.EntitySet.Name}' is global (its key has no dataAreaId), so the map cannot be company-striped; write 'company global' and pair it with a global table.");
                return null;
            }

            if (!dataverseStriped)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.CompanyScopeMismatch, declared?.Range ?? map.DataverseEntitySet.Range,
                    $"F&O entity '{fo.EntitySet.Name}' is company-specific but Dataverse table '{dataverse.EntitySet.Name}' is global (no '{CompanyNames.Lookup}' lookup to '{CompanyNames.Table}' in an alternate key); pair it with a company-specific table.");
                return null;
            }
        }
        else
        {
            if (foStriped)
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.CompanyScopeMismatch, declared?.Range ?? map.FoEntitySet.Range,
                    $"F&O entity '{fo.EntitySet.Name}' is company-specific (its key holds dataAreaId); write 'company striped' and pair it with a company-specific table.");
                return null;
            }

            if (dataverseStriped && !_context.Dataverse!.AlternateKeysOf(dataverse.Type).Any(k => !k.Properties.Contains(CompanyNames.LookupValue)))
            {
                _context.Diagnostics.Add(DiagnosticDescriptors.CompanyScopeMismatch, range,
                    $"Dataverse table '{dataverse.EntitySet.Name}' is company-specific (every alternate key holds the company) but F&O entity '{fo.EntitySet.Name}' is global; pair global with global.");
                return null;
            }
        }

        return scope;
    }

    /// <summary>The Dataverse table has the <c>msdyn_company</c> lookup to <c>cdm_company</c> and it is part of an alternate key.</summary>
    public static bool HasCompanyLookup(BoundSide dataverse)
    {
        var schema = dataverse.Schema;
        var lookup = schema.FindNavigationProperty(dataverse.Type, CompanyNames.Lookup);
        var target = lookup is null ? null : schema.FindEntityType(lookup.TargetTypeFullName);
        return target is not null
            && target.Name == CompanyNames.Table
            && schema.AlternateKeysOf(dataverse.Type).Any(k => k.Properties.Contains(CompanyNames.LookupValue));
    }
}
