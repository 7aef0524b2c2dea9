using System;
using System.Globalization;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Filters.OData;

/// <summary>
/// Compiles a dual-write Dataverse filter (an OData <c>$filter</c> expression, DSL.md §4) into a C# predicate.
/// </summary>
/// <remarks>
/// OData null semantics: <c>null eq null</c> is true, any other comparison with null is false except <c>ne</c>,
/// which is true — exactly C#'s lifted operators on nullable values, which the predicate uses. String
/// comparisons and functions ignore case.
/// </remarks>
internal static class DataverseFilterCompiler
{
    public static FilterCompilation Compile(string text, FilterContext context, CancellationToken ct = default) =>
        FilterPipeline.Run(text, context, ct, (source, diagnostics, used) =>
            ODataParser.Parse(source, diagnostics) is { } tree && new Binder(source, context, diagnostics, used, ct).Bind(tree) is { } result
                ? (result.Text, null)
                : null);

    private sealed class Binder
    {
        private readonly string _text;
        private readonly FilterContext _context;
        private readonly FilterDiagnostics _diagnostics;
        private readonly UsedPropertySet _used;
        private readonly CancellationToken _ct;

        public Binder(string text, FilterContext context, FilterDiagnostics diagnostics, UsedPropertySet used, CancellationToken ct)
        {
            _text = text;
            _context = context;
            _diagnostics = diagnostics;
            _used = used;
            _ct = ct;
        }

        public CodeFragment? Bind(ODataNode node)
        {
            _ct.ThrowIfCancellationRequested();
            switch (node)
            {
                case ODataAnd and:
                {
                    var left = Bind(and.Left);
                    var right = Bind(and.Right);
                    return left is null || right is null ? null : CodeFragment.Logical(true, "&&", left.Value, right.Value);
                }

                case ODataOr or:
                {
                    var left = Bind(or.Left);
                    var right = Bind(or.Right);
                    return left is null || right is null ? null : CodeFragment.Logical(false, "||", left.Value, right.Value);
                }

                case ODataNot not:
                {
                    var operand = Bind(not.Operand);
                    return operand is null ? null : new CodeFragment("!" + operand.Value.At(Precedence.Unary), Precedence.Unary);
                }

                case ODataComparison comparison:
                    return BindComparison(comparison);
                case ODataCondition condition:
                    return BindCondition(condition.Operand);
                default:
                    return null;
            }
        }

        private CodeFragment? BindCondition(ODataOperand operand)
        {
            switch (operand)
            {
                case ODataLiteral { Kind: ODataLiteralKind.Boolean } literal:
                    return CodeFragment.Primary(literal.Value);
                case ODataLiteral literal:
                    _diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, literal.Start, literal.Length,
                        "'" + Slice(literal) + "' is a value, not a condition; compare a column with it, e.g. column eq " + Slice(literal));
                    return null;
                case ODataPath path:
                {
                    var column = ResolveColumn(path);
                    if (column is null)
                    {
                        return null;
                    }

                    if (column.Value.Type.Kind != FilterValueKind.Boolean)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, path.Start, path.Length,
                            "'" + column.Value.Property.Name + "' is " + column.Value.Type.Describe() + ", not a condition; compare it with a value, e.g. " + column.Value.Property.Name + " eq …");
                        return null;
                    }

                    return CodeFragment.Comparison(column.Value.Member + " == true");
                }

                case ODataCall call:
                    return BindCall(call);
                default:
                    return null;
            }
        }

        private CodeFragment? BindCall(ODataCall call)
        {
            var usage = call.Name + "(column, 'text')";
            if (call.Arguments.Count != 2)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, call.Start, call.Length,
                    call.Name + " takes two arguments: write " + usage);
                return null;
            }

            if (call.Arguments[0] is not ODataPath path)
            {
                if (call.Arguments[0] is ODataNestedOperand { Condition: null })
                {
                    return null;
                }

                _diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, call.Arguments[0].Start, call.Arguments[0].Length,
                    "the first argument of " + call.Name + " must be a string column: write " + usage);
                return null;
            }

            var column = ResolveColumn(path);
            if (call.Arguments[1] is not ODataLiteral { Kind: ODataLiteralKind.String } text)
            {
                if (call.Arguments[1] is not ODataNestedOperand { Condition: null })
                {
                    _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, call.Arguments[1].Start, call.Arguments[1].Length,
                        "the second argument of " + call.Name + " must be a string in single quotes: write " + usage);
                }

                return null;
            }

            if (column is null)
            {
                return null;
            }

            if (column.Value.Type.Kind != FilterValueKind.String)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, path.Start, path.Length,
                    call.Name + " works on strings, and '" + column.Value.Property.Name + "' is " + column.Value.Type.Describe() + "; compare it with eq, ne, lt, le, gt or ge");
                return null;
            }

            var method = call.Name switch
            {
                "contains" => "Contains",
                "startswith" => "StartsWith",
                _ => "EndsWith",
            };
            return CodeFragment.Primary(Literals.Functions + "." + method + "(" + column.Value.Member + ", " + CSharp.StringLiteral(text.Value) + ")");
        }

        private CodeFragment? BindComparison(ODataComparison comparison)
        {
            var left = comparison.Left;
            var right = comparison.Right;
            var op = comparison.Operator;
            if (left is ODataNestedOperand { Condition: null } || right is ODataNestedOperand { Condition: null })
            {
                // Already reported; still check a column on the other side.
                if (left is ODataPath p1)
                {
                    ResolveColumn(p1);
                }

                if (right is ODataPath p2)
                {
                    ResolveColumn(p2);
                }

                return null;
            }

            if (left is ODataLiteral && right is ODataPath)
            {
                (left, right) = (right, left);
                op = op switch
                {
                    ODataOperator.Less => ODataOperator.Greater,
                    ODataOperator.LessOrEqual => ODataOperator.GreaterOrEqual,
                    ODataOperator.Greater => ODataOperator.Less,
                    ODataOperator.GreaterOrEqual => ODataOperator.LessOrEqual,
                    _ => op,
                };
            }

            if (left is ODataPath leftPath && right is ODataPath rightPath)
            {
                var a = ResolveColumn(leftPath);
                var b = ResolveColumn(rightPath);
                if (a is not null && b is not null)
                {
                    _diagnostics.Add(DiagnosticDescriptors.FilterUnsupportedOperator, comparison.OperatorStart, comparison.OperatorLength,
                        "comparing two columns is not supported in a dual-write filter; compare each column with a constant value");
                }

                return null;
            }

            if (left is not ODataPath path || right is not ODataLiteral literal)
            {
                if (left is ODataCall || right is ODataCall)
                {
                    var call = left as ODataCall ?? (ODataCall)right;
                    _diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, call.Start, call.Length,
                        call.Name + "(…) is a condition by itself; write it without comparing it, e.g. " + call.Name + "(column, 'text') or not " + call.Name + "(column, 'text')");
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.FilterSyntaxError, comparison.Start, comparison.Length,
                        "a comparison must compare a column with a value, e.g. statecode eq 0");
                }

                return null;
            }

            var column = ResolveColumn(path);
            if (column is null)
            {
                return null;
            }

            var (property, type, member) = column.Value;
            if (type.Kind == FilterValueKind.Unsupported || type.Kind == FilterValueKind.Enum)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, path.Start, path.Length,
                    "'" + property.Name + "' is " + type.Describe() + ", which a filter cannot compare; filter on a string, number, boolean, date or GUID column");
                return null;
            }

            var cSharpOp = op switch
            {
                ODataOperator.Equal => "==",
                ODataOperator.NotEqual => "!=",
                ODataOperator.Less => "<",
                ODataOperator.LessOrEqual => "<=",
                ODataOperator.Greater => ">",
                _ => ">=",
            };
            var isOrdering = op is not (ODataOperator.Equal or ODataOperator.NotEqual);

            if (literal.Kind == ODataLiteralKind.Null)
            {
                if (isOrdering)
                {
                    _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, literal.Start, literal.Length,
                        "an ordering comparison with null is always false in OData; write " + property.Name + " eq null or " + property.Name + " ne null");
                    return null;
                }

                return CodeFragment.Comparison(member + " " + cSharpOp + " null");
            }

            if (isOrdering && type.Kind is FilterValueKind.Boolean or FilterValueKind.Guid)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, comparison.OperatorStart, comparison.OperatorLength,
                    "'" + property.Name + "' is " + type.Describe() + ", which has no order; compare it with eq or ne");
                return null;
            }

            var value = Convert(property, type, literal);
            if (value is null)
            {
                return null;
            }

            if (type.Kind == FilterValueKind.String)
            {
                switch (op)
                {
                    case ODataOperator.Equal:
                        return CodeFragment.Primary("string.Equals(" + member + ", " + value + ", " + Literals.OrdinalIgnoreCase + ")");
                    case ODataOperator.NotEqual:
                        return new CodeFragment("!string.Equals(" + member + ", " + value + ", " + Literals.OrdinalIgnoreCase + ")", Precedence.Unary);
                    case ODataOperator.Greater:
                    case ODataOperator.GreaterOrEqual:
                        // string.Compare orders null first, so null is never greater: OData's 'null gt x' is false.
                        return CodeFragment.Comparison("string.Compare(" + member + ", " + value + ", " + Literals.OrdinalIgnoreCase + ") " + cSharpOp + " 0");
                    default:
                        return new CodeFragment(
                            member + " is not null && string.Compare(" + member + ", " + value + ", " + Literals.OrdinalIgnoreCase + ") " + cSharpOp + " 0",
                            Precedence.And);
                }
            }

            // Lifted operators: null == x is false, null != x is true, null < x is false — as in OData.
            return CodeFragment.Comparison(member + " " + cSharpOp + " " + value);
        }

        private string? Convert(PropertyInfo property, FilterFieldType type, ODataLiteral literal)
        {
            switch (type.Kind)
            {
                case FilterValueKind.String:
                    return literal.Kind == ODataLiteralKind.String
                        ? CSharp.StringLiteral(literal.Value)
                        : Mismatch(property, type, literal, "write the value in single quotes, '" + Slice(literal).Replace("'", "''") + "'");

                case FilterValueKind.Integer:
                case FilterValueKind.Decimal:
                case FilterValueKind.Floating:
                {
                    if (literal.Kind is not (ODataLiteralKind.Integer or ODataLiteralKind.Decimal))
                    {
                        return Mismatch(property, type, literal, literal.Kind == ODataLiteralKind.String
                            ? "write the number without quotes, " + literal.Value
                            : "write a number such as 3 or 12.5");
                    }

                    if (!decimal.TryParse(literal.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        return Mismatch(property, type, literal, "the number is out of range");
                    }

                    var isIntegral = literal.Kind == ODataLiteralKind.Integer;
                    return Literals.CSharpNumber(number, isIntegral, type) ?? Mismatch(property, type, literal, "the number is out of range");
                }

                case FilterValueKind.Boolean:
                    return literal.Kind == ODataLiteralKind.Boolean ? literal.Value : Mismatch(property, type, literal, "write true or false");

                case FilterValueKind.Guid:
                    if (literal.Kind == ODataLiteralKind.Guid && Guid.TryParse(literal.Value, out var guid))
                    {
                        return Literals.CSharpGuid(guid);
                    }

                    return Mismatch(property, type, literal, literal.Kind == ODataLiteralKind.String && Guid.TryParse(literal.Value, out _)
                        ? "write the GUID without quotes, " + literal.Value
                        : "write a GUID such as 00000000-0000-0000-0000-000000000000");

                case FilterValueKind.Date:
                    if (literal.Kind == ODataLiteralKind.Date && TryParseDate(literal.Value, out var date))
                    {
                        return Literals.CSharpDate(date.Year, date.Month, date.Day);
                    }

                    return literal.Kind == ODataLiteralKind.Date
                        ? InvalidDate(literal)
                        : Mismatch(property, type, literal, "write a date such as 2024-01-31");

                case FilterValueKind.DateTimeOffset:
                    if (literal.Kind == ODataLiteralKind.Date)
                    {
                        return TryParseDate(literal.Value, out var day)
                            ? Literals.CSharpDateTimeOffset(new DateTimeOffset(day, TimeSpan.Zero))
                            : InvalidDate(literal);
                    }

                    if (literal.Kind == ODataLiteralKind.DateTimeOffset)
                    {
                        return TryParseDateTimeOffset(literal.Value, out var moment)
                            ? Literals.CSharpDateTimeOffset(moment)
                            : InvalidDate(literal);
                    }

                    return Mismatch(property, type, literal, "write a date and time such as 2024-01-31T10:00:00Z");

                default:
                    return null;
            }
        }

        private string? InvalidDate(ODataLiteral literal)
        {
            _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, literal.Start, literal.Length,
                "'" + Slice(literal) + "' is not a valid date or date-time; write 2024-01-31 or 2024-01-31T10:00:00Z");
            return null;
        }

        private static bool TryParseDate(string text, out DateTime date) =>
            DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

        private static bool TryParseDateTimeOffset(string text, out DateTimeOffset value)
        {
            string[] formats =
            {
                "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
                "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            };
            return DateTimeOffset.TryParseExact(text.Replace('t', 'T').Replace('z', 'Z'), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out value);
        }

        private string? Mismatch(PropertyInfo property, FilterFieldType type, ODataLiteral literal, string advice)
        {
            var what = literal.Kind switch
            {
                ODataLiteralKind.String => "a string",
                ODataLiteralKind.Integer or ODataLiteralKind.Decimal => "a number",
                ODataLiteralKind.Boolean => "a boolean",
                ODataLiteralKind.Guid => "a GUID",
                ODataLiteralKind.Date => "a date",
                ODataLiteralKind.DateTimeOffset => "a date and time",
                ODataLiteralKind.Enum => "an enum value",
                _ => "null",
            };
            _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, literal.Start, literal.Length,
                "'" + property.Name + "' is " + type.Describe() + " and cannot be compared with " + what + "; " + advice);
            return null;
        }

        private (PropertyInfo Property, FilterFieldType Type, string Member)? ResolveColumn(ODataPath path)
        {
            var first = path.Segments[0];
            if (IsCompany(first.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterRestrictsCompany, path.Start, path.Length,
                    "'" + Slice(path) + "' restricts the legal entity: which companies sync is chosen when the environments are linked, never per map; remove this condition");
                return null;
            }

            if (path.Segments.Count > 1)
            {
                var navigation = _context.Schema.FindNavigationProperty(_context.EntityType, first.Name);
                var hint = navigation is not null && !navigation.IsCollection
                    ? "; to test the reference itself, write _" + first.Name + "_value (the lookup's GUID)"
                    : "";
                _diagnostics.Add(DiagnosticDescriptors.FilterNestedLookup, path.Start, path.Length,
                    "'" + Slice(path) + "' reads a column through the lookup '" + first.Name + "': a dual-write filter can only test the table's own columns" + hint);
                return null;
            }

            var property = _context.Schema.FindProperty(_context.EntityType, first.Name);
            if (property is null)
            {
                var navigation = _context.Schema.FindNavigationProperty(_context.EntityType, first.Name);
                var message = navigation is not null && !navigation.IsCollection
                    ? "'" + first.Name + "' is a lookup, not a column; to test the reference write _" + first.Name + "_value (the lookup's GUID)"
                    : "'" + first.Name + "' is not a column of the Dataverse table " + _context.EntityType.Name
                      + " (column names are logical names: lower case, matched exactly)"
                      + FieldLookup.DidYouMean(_context.Schema, _context.EntityType, first.Name);
                _diagnostics.Add(DiagnosticDescriptors.UnknownField, first.Start, first.Length, message);
                return null;
            }

            _used.Add(property.Name);
            var type = FilterFieldType.Of(property, _context.Schema, "");
            return (property, type, Literals.Member(_context.EntityExpression, _context.MemberOf(property.Name)));
        }

        /// <summary>The company lookup: <c>msdyn_company</c>, its value property, or any lookup to <c>cdm_company</c>.</summary>
        private bool IsCompany(string name)
        {
            if (name is "msdyn_company" or "_msdyn_company_value")
            {
                return true;
            }

            var navigation = _context.Schema.FindNavigationProperty(_context.EntityType, name);
            if (navigation is not null && IsCompanyType(navigation.TargetTypeFullName))
            {
                return true;
            }

            foreach (var type in _context.Schema.SelfAndBaseTypes(_context.EntityType))
            {
                foreach (var nav in type.NavigationProperties)
                {
                    if (!IsCompanyType(nav.TargetTypeFullName))
                    {
                        continue;
                    }

                    foreach (var constraint in nav.Constraints)
                    {
                        if (constraint.Property == name)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsCompanyType(string fullName) =>
            fullName == "cdm_company" || fullName.EndsWith(".cdm_company", StringComparison.Ordinal);

        private string Slice(ODataOperand operand) => _text.Substring(operand.Start, operand.Length);
    }
}
