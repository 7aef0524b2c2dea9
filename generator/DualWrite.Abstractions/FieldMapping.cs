using System.Collections.Generic;

namespace DualWrite;

/// <summary>How a field mapping produces the target's value.</summary>
public enum FieldTransform
{
    /// <summary>The source value as it is.</summary>
    Copy,

    /// <summary><c>via ValueMap</c>: a value map of the compilation.</summary>
    ValueMap,

    /// <summary><c>via Namespace.Type.Method</c>: a static C# method.</summary>
    Method,

    /// <summary><c>none</c> on the source side: the target always gets <see cref="FieldMapping.Default"/>.</summary>
    Constant,

    /// <summary>
    /// The company of a striped map, <c>dataAreaId</c> to <c>msdyn_company.cdm_companycode</c>: set by the map itself,
    /// never written in it.
    /// </summary>
    Company,
}

/// <summary>
/// One field mapping of a compiled map, as data for tools and pages: the schema names on each side, which way it flows
/// and how the value is transformed. Generated maps create their rows once; a runtime only reads them.
/// </summary>
public sealed class FieldMapping
{
    /// <summary>Creates the row.</summary>
    /// <param name="foField">The F&amp;O field, or null for <c>none</c>.</param>
    /// <param name="direction">Which way the value flows.</param>
    /// <param name="dataversePath">The Dataverse column or path through lookups as the map writes it, or null for <c>none</c>.</param>
    /// <param name="transform">How the value is produced.</param>
    /// <param name="via">The value map or method of <c>via</c>, or null.</param>
    /// <param name="default">The <c>default</c> value in the map language's notation (<c>"en-us"</c>, <c>3</c>), or null.</param>
    /// <param name="lookup">The lookups the Dataverse value goes through (<c>msdyn_customergroupid</c>), or null for a column of the table.</param>
    /// <param name="isKey">Whether the field is a member of the integration key.</param>
    public FieldMapping(string? foField, SyncDirection direction, string? dataversePath, FieldTransform transform, string? via, string? @default, string? lookup, bool isKey)
    {
        FoField = foField;
        Direction = direction;
        DataversePath = dataversePath;
        Transform = transform;
        Via = via;
        Default = @default;
        Lookup = lookup;
        IsKey = isKey;
    }

    /// <summary>The F&amp;O field by its schema name, or null for <c>none</c>.</summary>
    public string? FoField { get; }

    /// <summary>Which way the value flows.</summary>
    public SyncDirection Direction { get; }

    /// <summary>
    /// The Dataverse column (<c>name</c>), a path through lookups (<c>msdyn_customergroupid.msdyn_groupid</c>) or a
    /// polymorphic lookup (<c>parentcustomerid.Account(accountnumber)</c>), or null for <c>none</c>.
    /// </summary>
    public string? DataversePath { get; }

    /// <summary>How the value is produced.</summary>
    public FieldTransform Transform { get; }

    /// <summary>The value map or method of <c>via</c> (<c>PaymentTermsCodes</c>, <c>Contoso.Text.TitleCase</c>), or null.</summary>
    public string? Via { get; }

    /// <summary>The value for a null or absent source (the constant, for <see cref="FieldTransform.Constant"/>) in the map language's notation, or null.</summary>
    public string? Default { get; }

    /// <summary>The lookups the Dataverse value is read and bound through, dotted, or null for a column of the table itself.</summary>
    public string? Lookup { get; }

    /// <summary>Whether the field is a member of the integration key (the company of a striped map is).</summary>
    public bool IsKey { get; }

    /// <summary>The transform in words, e.g. <c>via PaymentTermsCodes, default 0</c> or <c>constant 3</c>; empty for a plain copy.</summary>
    public string Description
    {
        get
        {
            var parts = new List<string>(3);
            switch (Transform)
            {
                case FieldTransform.Company:
                    parts.Add("company of the record");
                    break;
                case FieldTransform.Constant:
                    parts.Add("constant " + Default);
                    break;
                default:
                    if (Via is not null)
                    {
                        parts.Add("via " + Via);
                    }

                    if (Default is not null)
                    {
                        parts.Add("default " + Default);
                    }

                    break;
            }

            if (Lookup is not null && Transform != FieldTransform.Company)
            {
                parts.Add("lookup through " + Lookup);
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>The mapping in the map language's notation, e.g. <c>CreditLimit -&gt; creditlimit default 0</c>.</summary>
    public override string ToString()
    {
        var arrow = Direction switch
        {
            SyncDirection.ToDataverse => "->",
            SyncDirection.ToFo => "<-",
            _ => "<->",
        };
        var text = (FoField ?? "none") + " " + arrow + " " + (DataversePath ?? "none");
        if (Default is not null)
        {
            text += " default " + Default;
        }

        return Via is null ? text : text + " via " + Via;
    }
}
