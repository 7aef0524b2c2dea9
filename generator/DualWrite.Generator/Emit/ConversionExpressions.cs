using DualWrite.Generator.Binding;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>The C# expression that produces a target value from a source value under a <see cref="ConversionModel"/>.</summary>
internal static class ConversionExpressions
{
    /// <param name="conversion">The field's conversion one way.</param>
    /// <param name="source">The expression that reads the source value.</param>
    /// <param name="fromFo">Whether the source is F&amp;O, whose string fields have no null: there <c>""</c> is absent too, so the default applies to it.</param>
    public static string Convert(ConversionModel conversion, string? source, bool fromFo)
    {
        var fallback = conversion.DefaultExpression;
        var emptyIsAbsent = fallback is not null && fromFo && ClrTypes.Underlying(conversion.SourceClrType ?? string.Empty) == "string";
        var absent = emptyIsAbsent ? $"string.IsNullOrEmpty({source})" : $"{source} is null";
        switch (conversion.Kind)
        {
            case ConversionKind.Constant:
                return fallback!;

            case ConversionKind.Copy:
                return fallback is null ? source! : emptyIsAbsent ? $"{absent} ? {fallback} : {source}" : $"{source} ?? {fallback}";

            case ConversionKind.ValueMap:
                return fallback is null
                    ? $"{conversion.Method}({source})"
                    : $"{absent} ? {fallback} : {conversion.Method}({source})";

            default:
                if (!conversion.MethodTakesNonNullable)
                {
                    return fallback is null
                        ? $"{conversion.Method}({source})"
                        : $"{absent} ? {fallback} : {conversion.Method}({source})";
                }

                var argument = ClrTypes.IsValueType(conversion.SourceClrType!) ? $"{source}.GetValueOrDefault()" : source;
                return $"{absent} ? {fallback ?? "(" + conversion.TargetClrType + ")null"} : {conversion.Method}({argument})";
        }
    }
}
