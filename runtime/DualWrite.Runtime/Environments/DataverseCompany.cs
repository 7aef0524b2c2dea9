namespace DualWrite.Runtime.Environments;

/// <summary>The names dual-write gives Dataverse's company (legal entity) table and lookup.</summary>
public static class DataverseCompany
{
    /// <summary>The company table's entity set.</summary>
    public const string Table = "cdm_companies";

    /// <summary>The company table's primary key.</summary>
    public const string IdColumn = "cdm_companyid";

    /// <summary>The legal entity's code, F&amp;O's <c>dataAreaId</c>.</summary>
    public const string CodeColumn = "cdm_companycode";

    /// <summary>The company lookup of company-specific tables.</summary>
    public const string Lookup = "msdyn_company";

    /// <summary>The company lookup's column.</summary>
    public const string ValueColumn = "_msdyn_company_value";
}
