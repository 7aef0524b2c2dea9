namespace DualWrite.Generator.Binding;

/// <summary>
/// The fixed names of company striping (DSL.md §4): F&amp;O's <c>dataAreaId</c> and Dataverse's
/// <c>msdyn_company</c> lookup to <c>cdm_company</c>, matched by <c>cdm_companycode</c>.
/// </summary>
internal static class CompanyNames
{
    public const string DataAreaId = "dataAreaId";
    public const string Lookup = "msdyn_company";
    public const string LookupValue = "_msdyn_company_value";
    public const string Table = "cdm_company";
    public const string CodeColumn = "cdm_companycode";

    /// <summary>The name of the company member of a Dataverse integration-key struct.</summary>
    public const string KeyMember = "CompanyCode";

    public static bool IsDataAreaId(string name) => string.Equals(name, DataAreaId, System.StringComparison.OrdinalIgnoreCase);
}
