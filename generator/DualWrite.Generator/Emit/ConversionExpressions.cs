using DualWrite.Generator.Binding;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>The C# expression that produces a target value from a source value under a <see cref="ConversionModel"/>.</summary>
internal static class ConversionExpressions
{
    public static string Convert(ConversionModel conversion, string? source)
    {
        var fallback = conversion.DefaultExpression;
        switch (conversion.Kind)
        {
            case ConversionKind.Constant:
                return fallback!;

            case ConversionKind.Copy:
                return fallback is null ? source! : $"{source} ?? {fallback}";

            case ConversionKind.ValueMap:
                return fallback is null
                    ? $"{conversion.Method}({source})"
                    : $"{source} is null ? {fallback} : {conversion.Method}({source})";

            default:
                if (!conversion.MethodTakesNonNullable)
                {
                    return fallback is null
                        ? $"{conversion.Method}({source})"
                        : $"{source} is null ? {fallback} : {conversion.Method}({source})";
                }

                var argument = ClrTypes.IsValueType(conversion.SourceClrType!) ? $"{source}.GetValueOrDefault()" : source;
                return $"{source} is null ? {fallback ?? "(" + conversion.TargetClrType + ")null"} : {conversion.Method}({argument})";
        }
    }
}
