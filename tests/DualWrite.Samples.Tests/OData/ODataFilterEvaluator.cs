using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace DualWrite.Samples.Tests.OData;

/// <summary>
/// Run-time evaluation of an OData <c>$filter</c>: the text parsed by Microsoft.OData.Core against the entity set of a
/// CSDL model into a <see cref="FilterClause"/>, whose <see cref="SingleValueNode"/> tree is interpreted over a
/// dictionary record (property name to value, as a metadata-driven runtime holds a payload).
/// </summary>
/// <remarks>
/// <para>Semantics (OData 4.01 URL conventions §5.1.1, plus the services' collations):</para>
/// <list type="bullet">
/// <item><c>eq null</c> is true only for null, <c>ne null</c> only for non-null; <c>eq</c>/<c>ne</c> of null with a
/// value give false/true; <c>lt le gt ge</c> with a null operand are false.</item>
/// <item><c>and</c>/<c>or</c>/<c>not</c> are three-valued (a null Boolean operand is unknown); a filter selects a record
/// only when it evaluates to true.</item>
/// <item>String comparisons and <c>contains</c>/<c>startswith</c>/<c>endswith</c> ignore case, as Dataverse's and
/// F&amp;O's SQL collations do; the functions give null (unknown) for a null argument.</item>
/// <item>Enums compare by their members' values; a record may hold an enum as its member name (as OData JSON carries
/// it, case ignored), the number as text, a number, or a CLR enum.</item>
/// <item>Numbers compare by value whatever their CLR type (a <see cref="ConvertNode"/> promotes, this compares
/// <see cref="decimal"/> or <see cref="double"/>); <c>Edm.Date</c> as <see cref="DateOnly"/>, <see cref="DateTime"/> as
/// <see cref="DateTimeOffset"/>.</item>
/// </list>
/// <para>Nodes outside the subset the dual-write filters use (lambdas, <c>in</c>, <c>has</c>, arithmetic, navigation,
/// other functions) throw <see cref="NotSupportedException"/>, so a test can never pass by ignoring a condition.</para>
/// <para>Also compiled into <c>bench/DualWrite.Benchmarks</c> (linked), so the benchmark runs the evaluator these
/// tests check.</para>
/// </remarks>
internal static class ODataFilterEvaluator
{
    /// <summary>Parses <paramref name="filter"/> against entity set <paramref name="entitySet"/> of <paramref name="model"/>.</summary>
    public static FilterClause Parse(IEdmModel model, string entitySet, string filter)
    {
        var set = model.EntityContainer.FindEntitySet(entitySet)
            ?? throw new ArgumentException("no entity set '" + entitySet + "' in the model", nameof(entitySet));
        var options = new Dictionary<string, string> { ["$filter"] = filter };
        return new ODataQueryOptionParser(model, set.EntityType, set, options).ParseFilter()
            ?? throw new ArgumentException("empty filter", nameof(filter));
    }

    /// <summary>Parses and evaluates in one go (what a naive runtime does per record).</summary>
    public static bool Evaluate(IEdmModel model, string entitySet, string filter, IReadOnlyDictionary<string, object?> record) =>
        Evaluate(Parse(model, entitySet, filter), record);

    /// <summary>Whether <paramref name="record"/> passes the filter: its expression evaluates to true (not false, not null).</summary>
    public static bool Evaluate(FilterClause filter, IReadOnlyDictionary<string, object?> record) =>
        Truth(filter.Expression, record) == true;

    private static bool? Truth(SingleValueNode node, IReadOnlyDictionary<string, object?> record)
    {
        switch (node)
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and:
            {
                var left = Truth(and.Left, record);
                if (left == false)
                {
                    return false;
                }

                var right = Truth(and.Right, record);
                return right == false ? false : left == true && right == true ? true : null;
            }

            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or:
            {
                var left = Truth(or.Left, record);
                if (left == true)
                {
                    return true;
                }

                var right = Truth(or.Right, record);
                return right == true ? true : left == false && right == false ? false : null;
            }

            case BinaryOperatorNode comparison:
                return Compare(comparison.OperatorKind, Value(comparison.Left, record), Value(comparison.Right, record));

            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                return !Truth(not.Operand, record);

            default:
                return Value(node, record) switch
                {
                    null => null,
                    bool b => b,
                    var other => throw new InvalidOperationException("not a Boolean: " + other + " (" + node.Kind + ")"),
                };
        }
    }

    private static object? Value(SingleValueNode node, IReadOnlyDictionary<string, object?> record)
    {
        switch (node)
        {
            case ConstantNode constant:
                return constant.Value is ODataEnumValue enumValue
                    ? EnumNumber(enumValue.Value, constant.TypeReference)
                    : Normalize(constant.Value);

            case SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } property:
            {
                record.TryGetValue(property.Property.Name, out var value);
                return value is null ? null
                    : property.TypeReference?.IsEnum() == true ? EnumNumber(value, property.TypeReference)
                    : Normalize(value);
            }

            case ConvertNode convert:
                return Value(convert.Source, record);

            case SingleValueFunctionCallNode call:
                return Call(call, record);

            case BinaryOperatorNode or UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not }:
                return Truth(node, record);

            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Negate } negate:
                return Value(negate.Operand, record) switch
                {
                    null => null,
                    decimal d => -d,
                    double d => -d,
                    var other => throw new InvalidOperationException("cannot negate " + other),
                };

            default:
                throw new NotSupportedException("filter node " + node.Kind + " (" + node.GetType().Name + ") is outside the evaluated subset");
        }
    }

    private static object? Call(SingleValueFunctionCallNode call, IReadOnlyDictionary<string, object?> record)
    {
        var arguments = new List<object?>();
        foreach (var parameter in call.Parameters)
        {
            arguments.Add(Value((SingleValueNode)parameter, record));
        }

        switch (call.Name)
        {
            case "contains" when arguments.Count == 2:
                return StringFunction(arguments, static (s, t) => s.Contains(t, StringComparison.OrdinalIgnoreCase));
            case "startswith" when arguments.Count == 2:
                return StringFunction(arguments, static (s, t) => s.StartsWith(t, StringComparison.OrdinalIgnoreCase));
            case "endswith" when arguments.Count == 2:
                return StringFunction(arguments, static (s, t) => s.EndsWith(t, StringComparison.OrdinalIgnoreCase));
            case "tolower" when arguments.Count == 1:
                return (arguments[0] as string)?.ToLowerInvariant();
            case "toupper" when arguments.Count == 1:
                return (arguments[0] as string)?.ToUpperInvariant();
            default:
                throw new NotSupportedException("function " + call.Name + "/" + arguments.Count + " is outside the evaluated subset");
        }
    }

    private static bool? StringFunction(List<object?> arguments, Func<string, string, bool> test) =>
        arguments[0] is string s && arguments[1] is string t ? test(s, t) : null;

    private static bool Compare(BinaryOperatorKind kind, object? left, object? right)
    {
        if (left is null || right is null)
        {
            var bothNull = left is null && right is null;
            return kind switch
            {
                BinaryOperatorKind.Equal => bothNull,
                BinaryOperatorKind.NotEqual => !bothNull,
                BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => false,
                _ => throw new NotSupportedException("operator " + kind + " is outside the evaluated subset"),
            };
        }

        var sign = Order(left, right);
        return kind switch
        {
            BinaryOperatorKind.Equal => sign == 0,
            BinaryOperatorKind.NotEqual => sign != 0,
            BinaryOperatorKind.LessThan => sign < 0,
            BinaryOperatorKind.LessThanOrEqual => sign <= 0,
            BinaryOperatorKind.GreaterThan => sign > 0,
            BinaryOperatorKind.GreaterThanOrEqual => sign >= 0,
            _ => throw new NotSupportedException("operator " + kind + " is outside the evaluated subset"),
        };
    }

    private static int Order(object left, object right) => (left, right) switch
    {
        (string l, string r) => string.Compare(l, r, StringComparison.OrdinalIgnoreCase),
        (decimal l, decimal r) => l.CompareTo(r),
        (double l, double r) => l.CompareTo(r),
        (double l, decimal r) => l.CompareTo((double)r),
        (decimal l, double r) => ((double)l).CompareTo(r),
        (bool l, bool r) => l.CompareTo(r),
        (Guid l, Guid r) => l.CompareTo(r),
        (DateTimeOffset l, DateTimeOffset r) => l.CompareTo(r),
        (DateOnly l, DateOnly r) => l.CompareTo(r),
        (TimeOnly l, TimeOnly r) => l.CompareTo(r),
        _ => throw new InvalidOperationException("cannot compare " + left.GetType().Name + " " + left + " with " + right.GetType().Name + " " + right),
    };

    /// <summary>One CLR representation per EDM primitive kind, so that values compare by value.</summary>
#pragma warning disable CS0618 // ODL 8 still parses Edm.Date/TimeOfDay literals into its own (obsolete) Date/TimeOfDay types.
    private static object? Normalize(object? value) => value switch
    {
        null => null,
        byte or sbyte or short or ushort or int or uint or long or ulong => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        Date d => new DateOnly(d.Year, d.Month, d.Day),
        TimeOfDay t => new TimeOnly(t.Ticks),
        _ => value,
    };
#pragma warning restore CS0618

    /// <summary>The numeric value of an enum held as a member name, a number as text, a number, or a CLR enum.</summary>
    private static decimal EnumNumber(object value, IEdmTypeReference? typeReference)
    {
        switch (value)
        {
            case string text:
                if (typeReference?.Definition is IEdmEnumType enumType)
                {
                    foreach (var member in enumType.Members)
                    {
                        if (string.Equals(member.Name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            return member.Value.Value;
                        }
                    }
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                throw new InvalidOperationException("'" + text + "' is no member of enum " + typeReference?.FullName());
            case Enum e:
                return Convert.ToInt64(e, CultureInfo.InvariantCulture);
            default:
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        }
    }
}
