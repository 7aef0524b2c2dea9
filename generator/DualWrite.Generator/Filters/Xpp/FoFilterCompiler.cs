using System;
using System.Globalization;
using System.Threading;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Schema;

namespace DualWrite.Generator.Filters.Xpp;

/// <summary>
/// Compiles a dual-write F&amp;O source filter (an X++ query-range expression, DSL.md §4) into a C# predicate and
/// an OData <c>$filter</c> for F&amp;O's <c>/data</c> endpoint.
/// </summary>
/// <remarks>
/// F&amp;O has no nulls: a null (absent) value is read as the type's empty value — "" for strings, 0 for numbers,
/// the member with value 0 for enums, false for booleans, 1900-01-01 for dates, the empty GUID. The C# predicate
/// applies that rule, and the OData text carries it over by adding <c>or X eq null</c> / <c>and X ne null</c>
/// wherever OData's null semantics would otherwise disagree. String comparisons ignore case.
/// </remarks>
internal static class FoFilterCompiler
{
    public static FilterCompilation Compile(string text, FilterContext context, CancellationToken ct = default) =>
        FilterPipeline.Run(text, context, ct, (source, diagnostics, used) =>
            XppParser.Parse(source, diagnostics) is { } tree && new Binder(context, diagnostics, used, ct).Bind(tree) is { } result
                ? (result.CSharp.Text, result.OData.Text)
                : null);

    private readonly struct Emitted
    {
        public Emitted(CodeFragment cSharp, CodeFragment oData)
        {
            CSharp = cSharp;
            OData = oData;
        }

        public CodeFragment CSharp { get; }

        public CodeFragment OData { get; }
    }

    /// <summary>A value converted for one property type.</summary>
    private sealed class TypedValue
    {
        public TypedValue(string cSharp, string oData, int defaultSign)
        {
            CSharp = cSharp;
            OData = oData;
            DefaultSign = defaultSign;
        }

        public string CSharp { get; }

        public string OData { get; }

        /// <summary>The sign of comparing the type's empty value (what null stands for) with this value.</summary>
        public int DefaultSign { get; }
    }

    private sealed class Binder
    {
        private static readonly DateTime NullDate = new(1900, 1, 1);

        private readonly FilterContext _context;
        private readonly FilterDiagnostics _diagnostics;
        private readonly UsedPropertySet _used;
        private readonly CancellationToken _ct;

        public Binder(FilterContext context, FilterDiagnostics diagnostics, UsedPropertySet used, CancellationToken ct)
        {
            _context = context;
            _diagnostics = diagnostics;
            _used = used;
            _ct = ct;
        }

        public Emitted? Bind(XppNode node)
        {
            _ct.ThrowIfCancellationRequested();
            switch (node)
            {
                case XppAnd and:
                {
                    var left = Bind(and.Left);
                    var right = Bind(and.Right);
                    return left is null || right is null ? null : new Emitted(
                        CodeFragment.Logical(true, "&&", left.Value.CSharp, right.Value.CSharp),
                        CodeFragment.Logical(true, "and", left.Value.OData, right.Value.OData));
                }

                case XppOr or:
                {
                    var left = Bind(or.Left);
                    var right = Bind(or.Right);
                    return left is null || right is null ? null : new Emitted(
                        CodeFragment.Logical(false, "||", left.Value.CSharp, right.Value.CSharp),
                        CodeFragment.Logical(false, "or", left.Value.OData, right.Value.OData));
                }

                case XppNot not:
                {
                    var operand = Bind(not.Operand);
                    if (operand is null)
                    {
                        return null;
                    }

                    var oData = operand.Value.OData;
                    return new Emitted(
                        new CodeFragment("!" + operand.Value.CSharp.At(Precedence.Unary), Precedence.Unary),
                        new CodeFragment("not " + (oData.Precedence == Precedence.Primary ? oData.Text : "(" + oData.Text + ")"), Precedence.Unary));
                }

                case XppComparison comparison:
                    return BindComparison(comparison);
                default:
                    return null;
            }
        }

        private Emitted? BindComparison(XppComparison c)
        {
            if (c.Field is null)
            {
                return null;
            }

            if (string.Equals(c.Field, "dataAreaId", StringComparison.OrdinalIgnoreCase))
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterRestrictsCompany, c.FieldStart, c.FieldLength,
                    "'" + c.Field + "' restricts the legal entity: which companies sync is chosen when the environments are linked, never per map; remove this condition");
                return null;
            }

            var property = _context.Schema.FindProperty(_context.EntityType, c.Field);
            if (property is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownField, c.FieldStart, c.FieldLength,
                    "'" + c.Field + "' is not a field of the F&O entity " + _context.EntityType.Name + FieldLookup.DidYouMean(_context.Schema, _context.EntityType, c.Field));
                return null;
            }

            _used.Add(property.Name);
            var type = FilterFieldType.Of(property, _context.Schema, _context.FoEnumNamespace);
            if (type.Kind == FilterValueKind.Unsupported)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, c.FieldStart, c.FieldLength,
                    "'" + property.Name + "' is " + type.Describe() + ", which a filter cannot compare; filter on a string, number, enum, boolean, date or GUID field");
                return null;
            }

            if (c.Value is null)
            {
                return null;
            }

            if (c.Operator == XppOperator.Like && type.Kind != FilterValueKind.String)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, c.OperatorStart, c.OperatorLength,
                    "'like' matches strings, and '" + property.Name + "' is " + type.Describe() + "; compare it with ==, !=, <, <=, > or >=");
                return null;
            }

            if (c.Operator is not (XppOperator.Equal or XppOperator.NotEqual or XppOperator.Like)
                && type.Kind is FilterValueKind.Boolean or FilterValueKind.Guid)
            {
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, c.OperatorStart, c.OperatorLength,
                    "'" + property.Name + "' is " + type.Describe() + ", which has no order; compare it with == or !=");
                return null;
            }

            var value = Convert(property, type, c.Value);
            if (value is null)
            {
                return null;
            }

            if (type.Kind == FilterValueKind.String && c.Operator is (XppOperator.Equal or XppOperator.NotEqual) && c.Value.Text.IndexOf('*') >= 0)
            {
                WarnWildcard(property.Name, c);
            }

            var member = Literals.Member(_context.EntityExpression, _context.MemberOf(property.Name));
            return type.Kind == FilterValueKind.String
                ? new Emitted(StringCSharp(member, c, value), OData(property.Name, c, value))
                : new Emitted(ValueCSharp(member, c.Operator, type, value), OData(property.Name, c, value));
        }

        // F&O's OData reads '*' in 'eq' / 'ne' as a wildcard, the compiled predicate as a character: the two would
        // select different records (DW0027). 'like' means the pattern in both.
        private void WarnWildcard(string field, XppComparison c)
        {
            var pattern = CSharp.StringLiteral(c.Value!.Text);
            _diagnostics.Add(DiagnosticDescriptors.AsteriskInFoEquality, c.Value.Start, c.Value.Length,
                "'*' in " + pattern + " is a literal character in the compiled filter but a wildcard in F&O's OData, so they select different records; " +
                (c.Operator == XppOperator.Equal
                    ? "to match the pattern write (" + field + " like " + pattern + ")"
                    : "to exclude the pattern write (!(" + field + " like " + pattern + "))"));
        }

        private static CodeFragment StringCSharp(string member, XppComparison c, TypedValue value)
        {
            var isEmpty = value.DefaultSign == 0;
            switch (c.Operator)
            {
                case XppOperator.Equal:
                    return CodeFragment.Primary(isEmpty
                        ? "string.IsNullOrEmpty(" + member + ")"
                        : "string.Equals(" + member + ", " + value.CSharp + ", " + Literals.OrdinalIgnoreCase + ")");
                case XppOperator.NotEqual:
                    return new CodeFragment(isEmpty
                        ? "!string.IsNullOrEmpty(" + member + ")"
                        : "!string.Equals(" + member + ", " + value.CSharp + ", " + Literals.OrdinalIgnoreCase + ")", Precedence.Unary);
                case XppOperator.Like:
                    return CodeFragment.Primary(Literals.Functions + ".Like(" + member + ", " + value.CSharp + ")");
                default:
                    return CodeFragment.Comparison(
                        "string.Compare(" + member + " ?? \"\", " + value.CSharp + ", " + Literals.OrdinalIgnoreCase + ") " + CSharpOperator(c.Operator) + " 0");
            }
        }

        private CodeFragment ValueCSharp(string member, XppOperator op, FilterFieldType type, TypedValue value)
        {
            // A lifted C# comparison with null gives what OData gives (false, or true for !=). Where the F&O null
            // rule disagrees (the empty value satisfies the comparison), the empty value is substituted.
            var left = Holds(op, value.DefaultSign) == NullResult(op)
                ? member
                : "(" + member + " ?? " + EmptyValue(type) + ")";
            return CodeFragment.Comparison(left + " " + CSharpOperator(op) + " " + value.CSharp);
        }

        private static CodeFragment OData(string name, XppComparison c, TypedValue value)
        {
            var comparison = name + " " + ODataOperator(c.Operator) + " " + value.OData;
            var holdsForEmpty = c.Operator == XppOperator.Like ? c.Value!.Text.Trim('*').Length == 0 : Holds(c.Operator, value.DefaultSign);
            var holdsForNull = NullResult(c.Operator);
            if (holdsForEmpty && !holdsForNull)
            {
                return new CodeFragment(comparison + " or " + name + " eq null", Precedence.Or);
            }

            if (!holdsForEmpty && holdsForNull)
            {
                return new CodeFragment(comparison + " and " + name + " ne null", Precedence.And);
            }

            return CodeFragment.Comparison(comparison);
        }

        /// <summary>What an OData (or lifted C#) comparison of null with a non-null value gives.</summary>
        private static bool NullResult(XppOperator op) => op == XppOperator.NotEqual;

        private static bool Holds(XppOperator op, int sign) => op switch
        {
            XppOperator.Equal or XppOperator.Like => sign == 0,
            XppOperator.NotEqual => sign != 0,
            XppOperator.Less => sign < 0,
            XppOperator.LessOrEqual => sign <= 0,
            XppOperator.Greater => sign > 0,
            _ => sign >= 0,
        };

        private static string CSharpOperator(XppOperator op) => op switch
        {
            XppOperator.Equal => "==",
            XppOperator.NotEqual => "!=",
            XppOperator.Less => "<",
            XppOperator.LessOrEqual => "<=",
            XppOperator.Greater => ">",
            _ => ">=",
        };

        private static string ODataOperator(XppOperator op) => op switch
        {
            XppOperator.Equal or XppOperator.Like => "eq",
            XppOperator.NotEqual => "ne",
            XppOperator.Less => "lt",
            XppOperator.LessOrEqual => "le",
            XppOperator.Greater => "gt",
            _ => "ge",
        };

        private static string EmptyValue(FilterFieldType type)
        {
            switch (type.Kind)
            {
                case FilterValueKind.Integer: return "0";
                case FilterValueKind.Decimal: return "0m";
                case FilterValueKind.Floating: return type.IsSingle ? "0f" : "0d";
                case FilterValueKind.Boolean: return "false";
                case FilterValueKind.Guid: return "global::System.Guid.Empty";
                case FilterValueKind.Date: return Literals.CSharpDate(1900, 1, 1);
                case FilterValueKind.DateTimeOffset: return Literals.CSharpDateTimeOffset(new DateTimeOffset(NullDate, TimeSpan.Zero));
                case FilterValueKind.Enum:
                    foreach (var m in type.EnumType!.Members)
                    {
                        if (m.Value == 0)
                        {
                            return Literals.EnumMember(type.EnumClrType!, m.Name);
                        }
                    }

                    return "(" + type.EnumClrType + ")0";
                default:
                    return "default";
            }
        }

        private TypedValue? Convert(PropertyInfo property, FilterFieldType type, XppValue value)
        {
            switch (type.Kind)
            {
                case FilterValueKind.String:
                    if (value.Kind != XppValueKind.String)
                    {
                        return Mismatch(property, type, value, "write the value in quotes, \"" + (value.EnumType is null ? value.Text : value.EnumType + "::" + value.Text) + "\"");
                    }

                    return new TypedValue(CSharp.StringLiteral(value.Text), Literals.ODataString(value.Text), value.Text.Length == 0 ? 0 : -1);

                case FilterValueKind.Integer:
                case FilterValueKind.Decimal:
                case FilterValueKind.Floating:
                {
                    if (value.Kind != XppValueKind.Number)
                    {
                        return Mismatch(property, type, value, value.Kind == XppValueKind.String ? "write the number without quotes" : "write a number such as 100 or 12.5");
                    }

                    if (!decimal.TryParse(value.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    {
                        return Mismatch(property, type, value, "the number is out of range");
                    }

                    var cSharp = Literals.CSharpNumber(number, value.Text.IndexOf('.') < 0, type);
                    if (cSharp is null)
                    {
                        return Mismatch(property, type, value, "the number is out of range");
                    }

                    return new TypedValue(cSharp, number.ToString(CultureInfo.InvariantCulture), 0m.CompareTo(number));
                }

                case FilterValueKind.Boolean:
                    if (value.Kind == XppValueKind.Boolean || (value.Kind == XppValueKind.Number && value.Text is "0" or "1"))
                    {
                        var b = value.Text is "true" or "1";
                        return new TypedValue(b ? "true" : "false", b ? "true" : "false", false.CompareTo(b));
                    }

                    return Mismatch(property, type, value, "write true or false");

                case FilterValueKind.Enum:
                    return ConvertEnum(property, type, value);

                case FilterValueKind.Date:
                case FilterValueKind.DateTimeOffset:
                {
                    if (value.Kind != XppValueKind.Date)
                    {
                        return Mismatch(property, type, value, "write a date as dd\\mm\\yyyy, e.g. 31\\01\\2024");
                    }

                    var parts = value.Text.Split('\\');
                    if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                        || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                        || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                        || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                    {
                        _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, value.Start, value.Length,
                            "'" + value.Text + "' is not a valid date; write dd\\mm\\yyyy, e.g. 31\\01\\2024");
                        return null;
                    }

                    var date = new DateTime(year, month, day);
                    var sign = NullDate.CompareTo(date);
                    var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return type.Kind == FilterValueKind.Date
                        ? new TypedValue(Literals.CSharpDate(year, month, day), iso, sign)
                        : new TypedValue(Literals.CSharpDateTimeOffset(new DateTimeOffset(date, TimeSpan.Zero)), iso + "T00:00:00Z", sign);
                }

                case FilterValueKind.Guid:
                    if (value.Kind == XppValueKind.String && Guid.TryParse(value.Text, out var guid))
                    {
                        return new TypedValue(Literals.CSharpGuid(guid), guid.ToString("D"), Guid.Empty == guid ? 0 : -1);
                    }

                    return Mismatch(property, type, value, "write a GUID in quotes, e.g. \"00000000-0000-0000-0000-000000000000\"");

                default:
                    return null;
            }
        }

        private TypedValue? ConvertEnum(PropertyInfo property, FilterFieldType type, XppValue value)
        {
            var enumType = type.EnumType!;
            EnumMemberInfo? member = null;
            switch (value.Kind)
            {
                case XppValueKind.EnumValue:
                    if (!string.Equals(value.EnumType, enumType.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, value.Start, value.EnumType!.Length,
                            "'" + property.Name + "' is of enum type " + enumType.Name + ", not " + value.EnumType + "; write " + enumType.Name + "::Member (members: " + Literals.MemberList(enumType) + ")");
                        return null;
                    }

                    member = FindMember(enumType, value.Text);
                    break;
                case XppValueKind.String:
                    member = FindMember(enumType, value.Text);
                    break;
                case XppValueKind.Number:
                    if (long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    {
                        foreach (var m in enumType.Members)
                        {
                            if (m.Value == number)
                            {
                                member = m;
                                break;
                            }
                        }
                    }

                    break;
                default:
                    return Mismatch(property, type, value, "write " + enumType.Name + "::Member or the member's name in quotes (members: " + Literals.MemberList(enumType) + ")");
            }

            if (member is null)
            {
                var shown = value.Kind == XppValueKind.EnumValue ? value.EnumType + "::" + value.Text : value.Text;
                _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, value.Start, value.Length,
                    "'" + shown + "' is not a member of enum " + enumType.Name + " (the type of '" + property.Name + "'); valid members: " + Literals.MemberList(enumType));
                return null;
            }

            return new TypedValue(
                Literals.EnumMember(type.EnumClrType!, member.Name),
                enumType.FullName + "'" + member.Name + "'",
                0L.CompareTo(member.Value));
        }

        private static EnumMemberInfo? FindMember(EnumTypeInfo type, string name)
        {
            foreach (var m in type.Members)
            {
                if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return m;
                }
            }

            return null;
        }

        private TypedValue? Mismatch(PropertyInfo property, FilterFieldType type, XppValue value, string advice)
        {
            var what = value.Kind switch
            {
                XppValueKind.String => "a string",
                XppValueKind.Number => "a number",
                XppValueKind.Date => "a date",
                XppValueKind.EnumValue => "an enum value",
                _ => "a boolean",
            };
            _diagnostics.Add(DiagnosticDescriptors.FilterTypeMismatch, value.Start, value.Length,
                "'" + property.Name + "' is " + type.Describe() + " and cannot be compared with " + what + "; " + advice);
            return null;
        }
    }
}
