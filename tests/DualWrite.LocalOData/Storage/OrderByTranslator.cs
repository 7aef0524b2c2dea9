using System.Collections.Generic;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using Microsoft.OData.UriParser;
using static DualWrite.Runtime.Environments.Embedded.SqliteLayout;

namespace DualWrite.LocalOData.Storage;

/// <summary>Translates <c>$orderby</c> on properties into SQL ORDER BY terms.</summary>
public static class OrderByTranslator
{
    /// <summary>The ORDER BY terms of <paramref name="orderBy"/>, or none.</summary>
    public static IReadOnlyList<string> Translate(EntitySetInfo set, OrderByClause? orderBy)
    {
        var terms = new List<string>();
        for (var clause = orderBy; clause is not null; clause = clause.ThenBy)
        {
            var expression = clause.Expression is ConvertNode convert ? convert.Source : clause.Expression;
            if (expression is not SingleValuePropertyAccessNode property || set.FindColumn(property.Property.Name) is not { } column)
            {
                throw new ODataServiceException(501, "0x8006088a", "The local OData service supports only properties in $orderby.");
            }

            var sql = column.Kind == ColumnKind.Decimal ? $"CAST({Quote(column.Name)} AS REAL)" : Quote(column.Name);
            terms.Add(clause.Direction == OrderByDirection.Descending ? sql + " DESC" : sql);
        }

        return terms;
    }
}
