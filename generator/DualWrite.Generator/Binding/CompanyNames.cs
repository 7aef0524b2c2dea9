using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Binding;

/// <summary>
/// The fixed names of company striping (DSL.md §4), as the schema reader's <see cref="CompanyFields"/> states them,
/// and the member generated keys give the company.
/// </summary>
internal static class CompanyNames
{
    public const string DataAreaId = CompanyFields.DataAreaId;
    public const string Lookup = CompanyFields.Lookup;
    public const string LookupValue = CompanyFields.LookupValue;
    public const string Table = CompanyFields.Table;
    public const string CodeColumn = CompanyFields.CodeColumn;

    /// <summary>The name of the company member of a Dataverse integration-key struct.</summary>
    public const string KeyMember = "CompanyCode";

    public static bool IsDataAreaId(string name) => CompanyFields.IsDataAreaId(name);
}
