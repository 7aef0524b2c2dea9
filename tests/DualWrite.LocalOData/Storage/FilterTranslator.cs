using System;
using System.Collections.Generic;
using System.Linq;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using Microsoft.OData.UriParser;
using static DualWrite.Runtime.Environments.Embedded.SqliteLayout;

namespace DualWrite.LocalOData.Storage;

/// <summary>Translates a parsed <c>$filter</c> into SQL: comparisons of a property with a literal, <c>and</c>/<c>or</c>/<c>not</c>, <c>in</c>, and <c>contains</c>/<c>startswith</c>/<c>endswith</c>.</summary>
public sealed class FilterTranslator
{
    private readonly EntitySetInfo set;
    private readonly List<object?> parameters = new();

    private FilterTranslator(EntitySetInfo set) => this.set = set;

    /// <summary>The SQL condition of <paramref name="filter"/>; an expression outside the supported subset is a 501 naming it.</summary>
    public static SqlCondition Translate(EntitySetInfo set, FilterClause filter)
    {
        var translator = new FilterTranslator(set);
        var sql = translator.Condition(filter.Expression);
        return new SqlCondition(sql, translator.parameters);
    }

    private string Condition(SingleValueNode node) => node switch
    {
        ConvertNode convert => Condition(convert.Source),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => $"({Condition(and.Left)}) AND ({Condition(and.Right)})",
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => $"({Condition(or.Left)}) OR ({Condition(or.Right)})",
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => $"NOT ({Condition(not.Operand)})",
        BinaryOperatorNode comparison => Comparison(comparison),
        InNode inNode => In(inNode),
        SingleValueFunctionCallNode call => Function(call),
        SingleValuePropertyAccessNode property when Column(property).Kind == ColumnKind.Boolean => $"{Quote(property.Property.Name)} = 1",
        _ => throw Unsupported(node.Kind.ToString()),
    };

    private string Comparison(BinaryOperatorNode node)
    {
        var (property, constant, swapped) = (Unwrap(node.Left), Unwrap(node.Right)) switch
        {
            (SingleValuePropertyAccessNode p, ConstantNode c) => (p, c, false),
            (ConstantNode c, SingleValuePropertyAccessNode p) => (p, c, true),
            _ => throw Unsupported("a comparison that is not between a property and a literal"),
        };

        var column = Column(property);
        var op = Operator(node.OperatorKind, swapped);
        var value = StorageValues.ToStorage(column, constant.Value);
        if (value is null)
        {
            return node.OperatorKind switch
            {
                BinaryOperatorKind.Equal => $"{Quote(column.Name)} IS NULL",
                BinaryOperatorKind.NotEqual => $"{Quote(column.Name)} IS NOT NULL",
                _ => "0",
            };
        }

        var parameter = Parameter(value);
        if (column.Kind == ColumnKind.Decimal)
        {
            return $"CAST({Quote(column.Name)} AS REAL) {op} CAST({parameter} AS REAL)";
        }

        // OData's eq/ne treat null as a value (null ne 'x' is true), as SQLite's IS / IS NOT do.
        return op switch
        {
            "=" => $"{Quote(column.Name)} IS {parameter}",
            "<>" => $"{Quote(column.Name)} IS NOT {parameter}",
            _ => $"{Quote(column.Name)} {op} {parameter}",
        };
    }

    private string In(InNode node)
    {
        if (Unwrap(node.Left) is not SingleValuePropertyAccessNode property || node.Right is not CollectionConstantNode list)
        {
            throw Unsupported("an 'in' that is not a property in a list of literals");
        }

        var column = Column(property);
        var items = list.Collection.Select(c => Parameter(StorageValues.ToStorage(column, c.Value))).ToList();
        return items.Count == 0 ? "0" : $"{Quote(column.Name)} IN ({string.Join(", ", items)})";
    }

    private string Function(SingleValueFunctionCallNode call)
    {
        var arguments = call.Parameters.Select(p => Unwrap((SingleValueNode)p)).ToList();
        if (arguments is not [SingleValuePropertyAccessNode property, ConstantNode { Value: string text }])
        {
            throw Unsupported($"function '{call.Name}' with these arguments");
        }

        var escaped = text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        var pattern = call.Name switch
        {
            "contains" => $"%{escaped}%",
            "startswith" => $"{escaped}%",
            "endswith" => $"%{escaped}",
            _ => throw Unsupported($"function '{call.Name}'"),
        };
        return $"{Quote(Column(property).Name)} LIKE {Parameter(pattern)} ESCAPE '\\'";
    }

    private string Parameter(object? value)
    {
        parameters.Add(value);
        return $"$p{parameters.Count - 1}";
    }

    private ColumnInfo Column(SingleValuePropertyAccessNode property) =>
        set.FindColumn(property.Property.Name) ?? throw Unsupported($"property '{property.Property.Name}'");

    private static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    private static string Operator(BinaryOperatorKind kind, bool swapped) => (kind, swapped) switch
    {
        (BinaryOperatorKind.Equal, _) => "=",
        (BinaryOperatorKind.NotEqual, _) => "<>",
        (BinaryOperatorKind.GreaterThan, false) or (BinaryOperatorKind.LessThan, true) => ">",
        (BinaryOperatorKind.GreaterThanOrEqual, false) or (BinaryOperatorKind.LessThanOrEqual, true) => ">=",
        (BinaryOperatorKind.LessThan, false) or (BinaryOperatorKind.GreaterThan, true) => "<",
        (BinaryOperatorKind.LessThanOrEqual, false) or (BinaryOperatorKind.GreaterThanOrEqual, true) => "<=",
        _ => throw Unsupported($"operator {kind}"),
    };

    private static ODataServiceException Unsupported(string what) =>
        new(501, "0x8006088a", $"The local OData service does not support {what} in $filter.");
}
