using System;
using System.Linq;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Storage;
using Microsoft.OData.Edm;

namespace DualWrite.LocalOData.Protocol;

/// <summary>Writes a row's key as an OData URL segment, e.g. <c>accounts(00000000-...)</c> or <c>CustomersV3(dataAreaId='usmf',CustomerAccount='O''Brien')</c>.</summary>
public static class KeyLiteral
{
    /// <summary>The absolute URL of a row.</summary>
    public static Uri RowUrl(Uri serviceRoot, EntitySetInfo set, StoredRow row) => new(serviceRoot, set.Name + "(" + Format(set, row) + ")");

    /// <summary>The key inside the parentheses, URL-escaped.</summary>
    public static string Format(EntitySetInfo set, StoredRow row)
    {
        if (set.Key.Count == 1)
        {
            return Literal(set.Column(set.Key[0]), row.Values[set.Key[0]]);
        }

        return string.Join(",", set.Key.Select(k => $"{k}={Literal(set.Column(k), row.Values[k])}"));
    }

    private static string Literal(ColumnInfo column, object? value) => column.Kind switch
    {
        ColumnKind.Text => "'" + Uri.EscapeDataString(((string)value!).Replace("'", "''")) + "'",
        ColumnKind.Enum => $"{column.Type.FullName()}'{value}'",
        _ => Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!),
    };
}
