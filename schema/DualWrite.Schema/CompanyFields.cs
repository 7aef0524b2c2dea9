#if DUALWRITE_GENERATOR
namespace DualWrite.Generator.Schema;
#else
namespace DualWrite.Schema;
#endif

/// <summary>
/// Where a record's company (legal entity) is in each schema (DSL.md §4): F&amp;O's <c>dataAreaId</c>, and Dataverse's
/// <c>msdyn_company</c> lookup to the <c>cdm_company</c> table, matched by <c>cdm_companycode</c>.
/// </summary>
public static class CompanyFields
{
    /// <summary>The company field of company-specific F&amp;O entities (its key's first part).</summary>
    public const string DataAreaId = "dataAreaId";

    /// <summary>The company lookup of company-specific Dataverse tables.</summary>
    public const string Lookup = "msdyn_company";

    /// <summary>The company lookup's column.</summary>
    public const string LookupValue = "_msdyn_company_value";

    /// <summary>The company table's entity type.</summary>
    public const string Table = "cdm_company";

    /// <summary>The company table's entity set.</summary>
    public const string TableSet = "cdm_companies";

    /// <summary>The company table's primary key.</summary>
    public const string IdColumn = "cdm_companyid";

    /// <summary>The legal entity's code in the company table, F&amp;O's <c>dataAreaId</c>.</summary>
    public const string CodeColumn = "cdm_companycode";

    /// <summary>Whether an F&amp;O field name is the company field (F&amp;O names ignore case).</summary>
    public static bool IsDataAreaId(string name) => string.Equals(name, DataAreaId, System.StringComparison.OrdinalIgnoreCase);
}
