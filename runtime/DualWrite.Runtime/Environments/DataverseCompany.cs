using DualWrite.Schema;

namespace DualWrite.Runtime.Environments;

/// <summary>The names dual-write gives Dataverse's company (legal entity) table and lookup.</summary>
public static class DataverseCompany
{
    /// <summary>The company table's entity set.</summary>
    public const string Table = CompanyFields.TableSet;

    /// <summary>The company table's primary key.</summary>
    public const string IdColumn = CompanyFields.IdColumn;

    /// <summary>The legal entity's code, F&amp;O's <c>dataAreaId</c>.</summary>
    public const string CodeColumn = CompanyFields.CodeColumn;

    /// <summary>The company lookup of company-specific tables.</summary>
    public const string Lookup = CompanyFields.Lookup;

    /// <summary>The company lookup's column.</summary>
    public const string ValueColumn = CompanyFields.LookupValue;
}
